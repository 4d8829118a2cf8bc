package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.RemoteInterface;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide registry behind {@code ProxiedSingletons}: in the host, the implementations (and
 * the dispatchers extensions reach them through); in an extension, proxies to the host's.
 */
public final class SingletonRegistry {
    private static final Map<Class<?>, Object> INSTANCES = new ConcurrentHashMap<>();
    private static final Map<String, LocalObject> EXPORTED = new ConcurrentHashMap<>();

    /** The exported singletons, as the host's last fallback for incoming calls. */
    public static final ObjectLookup LOOKUP = new ObjectLookup() {
        @Override
        public Optional<LocalObject> find(String id) {
            return Optional.ofNullable(EXPORTED.get(id));
        }

        @Override
        public Set<String> ids() {
            return Set.copyOf(EXPORTED.keySet());
        }
    };

    private SingletonRegistry() {}

    /**
     * Registers the host's implementation of a singleton, exported under its id.
     *
     * @param <T> the singleton interface
     * @param type the {@code @ProxiedSingleton} interface
     * @param implementation the one instance
     */
    public static <T> void registerImplementation(Class<T> type, T implementation) {
        RemoteInterface<T> descriptor = RemoteInterfaces.of(type);
        if (!descriptor.singleton()) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @ProxiedSingleton");
        }
        LocalObject exported = LocalObject.of(descriptor, implementation);
        if (INSTANCES.putIfAbsent(type, implementation) != null) {
            throw new IllegalStateException("a " + type.getName()
                    + " singleton is registered already; a singleton has exactly one implementation");
        }
        EXPORTED.put(descriptor.id(), exported);
    }

    /**
     * Installs the proxy through which an extension reaches the host's singleton.
     *
     * @param <T> the singleton interface
     * @param type the {@code @ProxiedSingleton} interface
     * @param proxy the proxy
     */
    public static <T> void installProxy(Class<T> type, T proxy) {
        INSTANCES.putIfAbsent(type, proxy);
    }

    /**
     * The implementation or proxy registered for {@code type} in this process.
     *
     * @param <T> the singleton interface
     * @param type the {@code @ProxiedSingleton} interface
     * @return the instance, or empty when none is registered
     */
    public static <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(INSTANCES.get(type)));
    }

    /** Forgets every singleton; for tests that register several in one JVM. */
    public static void clear() {
        INSTANCES.clear();
        EXPORTED.clear();
    }
}
