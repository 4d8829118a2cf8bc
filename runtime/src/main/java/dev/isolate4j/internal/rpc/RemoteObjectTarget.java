package dev.isolate4j.internal.rpc;

import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The remote object behind a generated proxy: an object id on the other side of a connection. */
public final class RemoteObjectTarget implements RemoteTarget {
    private final RpcConnection connection;
    private final String objectId;
    private final RemoteInterface<?> descriptor;
    private final Duration timeout;

    public RemoteObjectTarget(
            RpcConnection connection, String objectId, RemoteInterface<?> descriptor, Duration timeout) {
        this.connection = connection;
        this.objectId = objectId;
        this.descriptor = descriptor;
        this.timeout = timeout;
    }

    /** A proxy of {@code descriptor}'s interface for object {@code objectId} across {@code connection}. */
    public static <T> T proxy(
            RpcConnection connection, String objectId, RemoteInterface<T> descriptor, Duration timeout) {
        connection.serializer().register(descriptor.serializedTypes());
        return descriptor.newProxy(new RemoteObjectTarget(connection, objectId, descriptor, timeout));
    }

    public RpcConnection connection() {
        return connection;
    }

    @Override
    public Object call(int methodId, Object[] args) {
        PendingCall call = connection.startCall(objectId, methodId, args, false, describe(methodId));
        try {
            return call.future().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw RemoteFailures.sneakyThrow(RemoteFailures.forCaller(
                    e.getCause(), method(methodId), descriptor.type().getClassLoader()));
        } catch (TimeoutException e) {
            connection.abandon(call);
            throw new CallTimeoutException(call.description(), timeout);
        } catch (InterruptedException e) {
            connection.abandon(call);
            Thread.currentThread().interrupt();
            throw new RemoteCallException(call.description() + " was interrupted while waiting for its result", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> callAsync(int methodId, Object[] args) {
        PendingCall call = connection.startCall(objectId, methodId, args, true, describe(methodId));
        CompletableFuture<Object> future = call.future();
        // A caller that cancels (or completes) the future gives the call up: the reply is then dropped.
        future.whenComplete((value, error) -> {
            if (future.isCancelled()) {
                connection.abandon(call);
            }
        });
        return (CompletableFuture<R>) (CompletableFuture<?>) future;
    }

    private MethodDescriptor method(int methodId) {
        return methodId >= 0 && methodId < descriptor.methods().size()
                ? descriptor.methods().get(methodId)
                : null;
    }

    private String describe(int methodId) {
        MethodDescriptor method = method(methodId);
        String name = method != null ? method.name() : "#" + methodId;
        return descriptor.type().getSimpleName() + "." + name + "() on " + objectId + " in " + connection.name();
    }

    @Override
    public String toString() {
        return objectId + " in " + connection.name();
    }
}
