package dev.isolate4j.internal.rpc;

import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.spi.MethodDescriptor;
import java.util.Map;
import java.util.Objects;
import org.apache.fory.reflect.ObjectInstantiators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a checked exception that the called method declares, from its remote class name,
 * message and field values, so that {@code catch (IOException e)} works across processes.
 * Reflection here runs only on the failure path of a call.
 */
final class DeclaredExceptions {
    private DeclaredExceptions() {}

    /**
     * The rebuilt exception, or {@code null} when the method does not declare it or it cannot be
     * made; never throws.
     *
     * @param fields the values of its fields, by name, as {@link ExceptionFields} read them
     */
    static Throwable rebuild(
            RemoteMethodException remote, MethodDescriptor method, ClassLoader loader, Map<String, Object> fields) {
        Class<?> type = declaredType(remote.remoteClassName(), method, loader);
        if (type == null) {
            return null;
        }
        try {
            Throwable rebuilt = instantiate(type, remote.remoteMessage());
            rebuilt.setStackTrace(remote.getStackTrace());
            if (remote.getCause() != null) {
                rebuilt.initCause(remote.getCause());
            }
            ExceptionFields.apply(rebuilt, fields);
            return rebuilt;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log().debug("{} arrives as a RemoteMethodException: it cannot be rebuilt", type.getName(), e);
            return null;
        }
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
        return declares(method, type) ? type : null;
    }

    /** Whether {@code method}'s {@code throws} clause covers {@code type}. */
    static boolean declares(MethodDescriptor method, Class<?> type) {
        if (method == null) {
            return false;
        }
        for (Class<? extends Throwable> declared : method.exceptionTypes()) {
            if (declared.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An instance with the remote message: made by the {@code (String)} constructor, else the no-arg
     * one, else by none at all (as a deserializer does), since an exception whose constructors all
     * take other values must still be caught as itself.
     */
    private static Throwable instantiate(Class<?> type, String message) throws ReflectiveOperationException {
        Throwable rebuilt = construct(type, message);
        if (rebuilt == null) {
            rebuilt = (Throwable)
                    ObjectInstantiators.createObjectInstantiator(type).newInstance();
            ThrowableState.initialize(rebuilt, message);
        }
        if (!Objects.equals(rebuilt.getMessage(), message)) {
            ThrowableState.setMessage(rebuilt, message);
        }
        return rebuilt;
    }

    private static Throwable construct(Class<?> type, String message) {
        try {
            return (Throwable) type.getConstructor(String.class).newInstance(message);
        } catch (ReflectiveOperationException | RuntimeException e) {
            try {
                return (Throwable) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                return null;
            }
        }
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(DeclaredExceptions.class);
    }
}
