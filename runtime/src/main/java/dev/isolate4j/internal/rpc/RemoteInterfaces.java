package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.ProxiedSingleton;
import dev.isolate4j.spi.RemoteInterface;

/**
 * Finds the descriptor generated for an interface. The lookup loads a class by name once per
 * interface and caches it; calls never come here.
 */
public final class RemoteInterfaces {
    private static final ClassValue<RemoteInterface<?>> DESCRIPTORS = new ClassValue<>() {
        @Override
        protected RemoteInterface<?> computeValue(Class<?> type) {
            return load(type);
        }
    };

    private RemoteInterfaces() {}

    /**
     * The descriptor of {@code type}.
     *
     * @param <T> the interface
     * @param type a {@code @Callee} or {@code @ProxiedSingleton} interface
     * @return its generated descriptor
     *
     * @throws IllegalArgumentException when {@code type} is not an annotated interface or its
     *     generated code is missing, with what to do about it
     */
    @SuppressWarnings("unchecked")
    public static <T> RemoteInterface<T> of(Class<T> type) {
        return (RemoteInterface<T>) DESCRIPTORS.get(type);
    }

    /**
     * The descriptor of {@code type}, or {@code null} when it has none (no generated code), for a
     * look among the interfaces an object happens to implement.
     *
     * @param type a {@code @Callee} or {@code @ProxiedSingleton} interface
     * @return its descriptor, or {@code null}
     */
    static RemoteInterface<?> find(Class<?> type) {
        try {
            return DESCRIPTORS.get(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Loads the generated descriptor first and reads the interface's annotations only when there is
     * none, to say why. Reading them builds a proxy class per annotation type, the first time in a
     * JVM (with a module for it, and one for {@code @Retention}): 5 to 10 ms of a child's start,
     * spent on every start for a check the descriptor's existence already answers, since the
     * processor writes one only for an annotated interface.
     */
    private static RemoteInterface<?> load(Class<?> type) {
        if (!type.isInterface()) {
            throw notAnnotated(type);
        }
        String name = RemoteInterface.descriptorClassName(type);
        try {
            // The interface's own loader, which sees its module's packages whatever the module path.
            Class<?> descriptor = Class.forName(name, true, type.getClassLoader());
            checkAccessible(type, descriptor);
            return (RemoteInterface<?>) descriptor.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            if (!(type.isAnnotationPresent(Callee.class) || type.isAnnotationPresent(ProxiedSingleton.class))) {
                throw notAnnotated(type);
            }
            throw new IllegalArgumentException(
                    "no generated " + name + " for " + type.getName()
                            + ": add dev.isolate4j:isolate4j-processor to the annotation processor path of the module that"
                            + " declares the interface",
                    e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(
                    "cannot instantiate " + name + " for " + type.getName()
                            + ": rebuild the module with the same isolate4j version as the runtime",
                    e);
        }
    }

    private static IllegalArgumentException notAnnotated(Class<?> type) {
        return new IllegalArgumentException(type.getName()
                + " is not an interface annotated @Callee or @ProxiedSingleton; only such interfaces can be"
                + " called across processes");
    }

    /**
     * Reflection assumes that the runtime reads every module, but a named module's package must
     * still be exported or opened to the runtime for it to call the descriptor's constructor.
     */
    private static void checkAccessible(Class<?> type, Class<?> descriptor) {
        Module module = descriptor.getModule();
        Module runtime = RemoteInterfaces.class.getModule();
        String packageName = descriptor.getPackageName();
        if (!module.isExported(packageName, runtime)) {
            String directive = runtime.isNamed()
                    ? "exports " + packageName + " to " + runtime.getName()
                    : "exports " + packageName;
            throw new IllegalArgumentException("package " + packageName + " of module " + module.getName()
                    + " is not exported to "
                    + (runtime.isNamed() ? "module " + runtime.getName() : "the isolate4j runtime")
                    + ", which must create " + descriptor.getName() + " to use " + type.getName()
                    + ": add '" + directive + ";' (or 'opens') to the module-info.java of " + module.getName());
        }
    }
}
