package dev.isolate4j.internal.rpc;

import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.spi.MethodDescriptor;
import java.lang.reflect.Constructor;

/**
 * Rebuilds a checked exception that the called method declares, from its remote class name and
 * message, so that {@code catch (IOException e)} works across processes. Reflection here runs
 * only on the failure path of a call.
 */
final class DeclaredExceptions {
    private DeclaredExceptions() {}

    /** The rebuilt exception, or {@code null} when the method does not declare it or it cannot be made. */
    static Throwable rebuild(RemoteMethodException remote, MethodDescriptor method, ClassLoader loader) {
        Class<?> type = declaredType(remote.remoteClassName(), method, loader);
        if (type == null) {
            return null;
        }
        Throwable rebuilt = instantiate(type, remote.remoteMessage());
        if (rebuilt == null) {
            return null;
        }
        rebuilt.setStackTrace(remote.getStackTrace());
        if (remote.getCause() != null) {
            rebuilt.initCause(remote.getCause());
        }
        return rebuilt;
    }

    private static Class<?> declaredType(String className, MethodDescriptor method, ClassLoader loader) {
        if (method == null || method.exceptionTypes().isEmpty()) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        for (Class<? extends Throwable> declared : method.exceptionTypes()) {
            if (declared.isAssignableFrom(type)) {
                return type;
            }
        }
        return null;
    }

    private static Throwable instantiate(Class<?> type, String message) {
        try {
            Constructor<?> withMessage = type.getConstructor(String.class);
            return (Throwable) withMessage.newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                return (Throwable) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                return null;
            }
        }
    }
}
