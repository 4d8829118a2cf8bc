package dev.isolate4j.internal.child;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.internal.rpc.SingletonRegistry;
import dev.isolate4j.spi.RemoteInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The extension's side of its connection to the host, behind {@code ExtensionBase}'s methods. */
public final class ChildSession {
    private final RpcConnection connection;
    private final Duration callTimeout;

    ChildSession(RpcConnection connection, Duration callTimeout) {
        this.connection = connection;
        this.callTimeout = callTimeout;
    }

    public void registerCallee(Object instance, String objectId) {
        registerAs(calleeInterfaceOf(instance), instance, objectId);
    }

    public <C> void registerCallee(Class<C> type, C instance, String objectId) {
        registerAs(type, instance, objectId);
    }

    private <C> void registerAs(Class<C> type, Object instance, String objectId) {
        RemoteInterface<C> descriptor = RemoteInterfaces.of(type);
        connection.serializer().register(descriptor.serializedTypes());
        connection.localObjects().register(objectId, LocalObject.of(descriptor, type.cast(instance)));
    }

    public <C> C createCaller(Class<C> type, String objectId) {
        return RemoteObjectTarget.proxy(connection, objectId, RemoteInterfaces.of(type), callTimeout);
    }

    public void useRemote(Class<?> singletonType) {
        installRemote(RemoteInterfaces.of(singletonType));
    }

    private <T> void installRemote(RemoteInterface<T> descriptor) {
        if (!descriptor.singleton()) {
            throw new IllegalArgumentException(descriptor.type().getName()
                    + " is not annotated @ProxiedSingleton; use createCaller for plain @Callee objects");
        }
        T proxy = RemoteObjectTarget.proxy(connection, descriptor.id(), descriptor, callTimeout);
        SingletonRegistry.installProxy(descriptor.type(), proxy);
    }

    public CompletableFuture<Void> stop() {
        connection.close(new IllegalStateException("extension stopped"));
        return CompletableFuture.completedFuture(null);
    }

    private static Class<?> calleeInterfaceOf(Object instance) {
        Set<Class<?>> found = new LinkedHashSet<>();
        collectCallees(instance.getClass(), found);
        if (found.size() != 1) {
            List<String> names = new ArrayList<>();
            found.forEach(type -> names.add(type.getName()));
            throw new IllegalArgumentException(instance.getClass().getName() + " implements " + found.size()
                    + " @Callee interfaces " + names + "; registerCallee needs exactly one: pass the interface"
                    + " with registerCallee(Type.class, instance, id)");
        }
        return found.iterator().next();
    }

    private static void collectCallees(Class<?> type, Set<Class<?>> found) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            for (Class<?> i : t.getInterfaces()) {
                if (i.isAnnotationPresent(Callee.class)) {
                    found.add(i);
                }
                collectCallees(i, found);
            }
        }
    }
}
