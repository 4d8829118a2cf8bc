package dev.isolate4j.internal.child;

import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.protocol.Event;
import dev.isolate4j.internal.rpc.CalleeTypes;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.internal.rpc.SingletonRegistry;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The extension's side of its connection to the host, behind {@code ExtensionBase}'s methods. */
public final class ChildSession {
    private final RpcConnection connection;
    private final Duration callTimeout;

    ChildSession(RpcConnection connection, Duration callTimeout) {
        this.connection = connection;
        this.callTimeout = callTimeout;
    }

    /**
     * Implements {@link dev.isolate4j.ExtensionBase#registerCallee(Object, String)}.
     *
     * @param instance the object to call
     * @param objectId the id the host reaches it by
     */
    public void registerCallee(Object instance, String objectId) {
        registerAs(CalleeTypes.soleCalleeInterface(instance), instance, objectId);
    }

    /**
     * Implements {@link dev.isolate4j.ExtensionBase#registerCallee(Class, Object, String)}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the host calls it through
     * @param instance the object to call
     * @param objectId the id the host reaches it by
     */
    public <C> void registerCallee(Class<C> type, C instance, String objectId) {
        registerAs(type, instance, objectId);
    }

    private <C> void registerAs(Class<C> type, Object instance, String objectId) {
        RemoteInterface<C> descriptor = RemoteInterfaces.of(type);
        connection.serializer().register(descriptor);
        connection.localObjects().register(objectId, LocalObject.of(descriptor, instance));
    }

    /**
     * Implements {@link dev.isolate4j.ExtensionBase#createCaller}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the host's object implements
     * @param objectId the id the host registered it under
     * @return the proxy
     */
    public <C> C createCaller(Class<C> type, String objectId) {
        return RemoteObjectTarget.proxy(connection, objectId, RemoteInterfaces.of(type), callTimeout);
    }

    /**
     * Implements {@link dev.isolate4j.ExtensionBase#useRemote}.
     *
     * @param singletonType the {@code @ProxiedSingleton} interface
     */
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

    /**
     * Implements {@link dev.isolate4j.ExtensionBase#emitEvent}.
     *
     * @param name the event's name
     * @param payload the event's payload, or {@code null}
     */
    public void emitEvent(String name, Object payload) {
        ByteBuffer body =
                new Event(name, ByteBuffer.wrap(connection.serializer().serialize(payload))).encode();
        try {
            connection.sendControl(FrameType.EVENT, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot emit event '" + name + "': the connection to the host is closed", e);
        }
    }

    /**
     * Implements {@link dev.isolate4j.ExtensionBase#stop()}: closes the connection.
     *
     * @return a completed future
     */
    public CompletableFuture<Void> stop() {
        connection.close(new IllegalStateException("extension stopped"));
        return CompletableFuture.completedFuture(null);
    }
}
