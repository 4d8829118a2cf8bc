package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.spi.MethodDescriptor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;

/** Which declared types cross as references, cached per class so that calls only read a flag. */
public final class CalleeTypes {
    private static final ClassValue<Boolean> IS_CALLEE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isInterface() && type.isAnnotationPresent(Callee.class);
        }
    };

    private CalleeTypes() {}

    static boolean isCallee(Class<?> type) {
        return IS_CALLEE.get(type);
    }

    /**
     * The one {@code @Callee} interface {@code instance} implements.
     *
     * @param instance the object to export
     * @return the interface
     *
     * @throws IllegalArgumentException when it implements none or several, saying how to choose
     */
    public static Class<?> soleCalleeInterface(Object instance) {
        Set<Class<?>> found = calleeInterfaces(instance.getClass());
        // A @Callee interface that extends another stands for both: callers of either reach it.
        found.removeIf(
                candidate -> found.stream().anyMatch(other -> other != candidate && candidate.isAssignableFrom(other)));
        if (found.size() != 1) {
            List<String> names = found.stream().map(Class::getName).toList();
            throw new IllegalArgumentException(instance.getClass().getName() + " implements " + found.size()
                    + " @Callee interfaces " + names + "; registerCallee needs exactly one: pass the interface"
                    + " with registerCallee(Type.class, instance, id)");
        }
        return found.iterator().next();
    }

    /**
     * Every {@code @Callee} interface {@code type} implements, super-interfaces included.
     *
     * @param type a class
     * @return the interfaces, most specific first as declared
     */
    static Set<Class<?>> calleeInterfaces(Class<?> type) {
        Set<Class<?>> found = new LinkedHashSet<>();
        collect(type, found);
        return found;
    }

    private static void collect(Class<?> type, Set<Class<?>> found) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            for (Class<?> i : t.getInterfaces()) {
                if (isCallee(i)) {
                    found.add(i);
                }
                collect(i, found);
            }
        }
    }

    /** Whether a value of this declared type crosses as a stream ({@link Streams}). */
    static boolean isStream(Class<?> type) {
        return type == Flow.Publisher.class;
    }

    /** Whether a parameter of {@code method} crosses by reference: a {@code @Callee} interface or a stream. */
    static boolean anyReferenceParameter(MethodDescriptor method) {
        List<Class<?>> types = method.parameterTypes();
        for (int i = 0; i < types.size(); i++) {
            if (isCallee(types.get(i)) || isStream(types.get(i))) {
                return true;
            }
        }
        return false;
    }
}
