package dev.isolate4j;

import dev.isolate4j.internal.rpc.SingletonRegistry;

/**
 * Access to {@link dev.isolate4j.annotations.ProxiedSingleton @ProxiedSingleton} services: the host
 * registers the one implementation, and {@code get} returns it in the host and a proxy to it in an
 * extension that was granted it ({@code ExtensionConfig.apis} or {@code ExtensionBase.useRemote}).
 *
 * <pre>{@code
 * // host, before loading extensions
 * ProxiedSingletons.register(Counter.class, new InMemoryCounter());
 *
 * // anywhere, host or extension
 * long n = ProxiedSingletons.get(Counter.class).incrementAndGet();
 * }</pre>
 */
public final class ProxiedSingletons {
    private ProxiedSingletons() {}

    /**
     * Registers the implementation of a singleton in this (the host's) process.
     *
     * @param <T> the singleton interface
     * @param type the {@code @ProxiedSingleton} interface
     * @param implementation the one instance, served to extensions that were granted {@code type}
     * @throws IllegalArgumentException when {@code type} is not a {@code @ProxiedSingleton} interface
     * @throws IllegalStateException when an implementation is registered already
     */
    public static <T> void register(Class<T> type, T implementation) {
        SingletonRegistry.registerImplementation(type, implementation);
    }

    /**
     * The singleton: the implementation in the host, a proxy to it in an extension.
     *
     * @param <T> the singleton interface
     * @param type the {@code @ProxiedSingleton} interface
     * @return the implementation or the proxy
     *
     * @throws IllegalStateException when none is registered here, with what to do about it
     */
    public static <T> T get(Class<T> type) {
        return SingletonRegistry.get(type)
                .orElseThrow(() -> new IllegalStateException("no " + type.getName() + " singleton here: in the host,"
                        + " call ProxiedSingletons.register(" + type.getSimpleName() + ".class, implementation);"
                        + " in an extension, list it in ExtensionConfig.apis or call useRemote("
                        + type.getSimpleName() + ".class)"));
    }
}
