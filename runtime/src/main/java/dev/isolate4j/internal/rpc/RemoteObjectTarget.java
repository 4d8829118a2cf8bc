package dev.isolate4j.internal.rpc;

import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The remote object behind a generated proxy: an object id on the other side of an endpoint. */
public final class RemoteObjectTarget implements RemoteTarget {
    /** Times asynchronous calls out; cancelled timers leave its queue at once. */
    private static final ScheduledThreadPoolExecutor TIMERS = timers();

    private final Endpoint endpoint;
    private final String objectId;
    private final RemoteInterface<?> descriptor;
    private final Duration timeout;

    public RemoteObjectTarget(Endpoint endpoint, String objectId, RemoteInterface<?> descriptor, Duration timeout) {
        this.endpoint = endpoint;
        this.objectId = objectId;
        this.descriptor = descriptor;
        this.timeout = timeout;
    }

    /** A proxy of {@code descriptor}'s interface for object {@code objectId} behind {@code endpoint}. */
    public static <T> T proxy(Endpoint endpoint, String objectId, RemoteInterface<T> descriptor, Duration timeout) {
        endpoint.connection().serializer().register(descriptor.serializedTypes());
        return descriptor.newProxy(new RemoteObjectTarget(endpoint, objectId, descriptor, timeout));
    }

    /** A proxy like {@code proxy} whose calls time out after {@code timeout}. */
    public <T> T withTimeout(Class<T> type, Duration timeout) {
        RemoteObjectTarget target = new RemoteObjectTarget(endpoint, objectId, descriptor, timeout);
        return type.cast(descriptor.newProxy(target));
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public RpcConnection connection() {
        return endpoint.connection();
    }

    public String objectId() {
        return objectId;
    }

    public RemoteInterface<?> descriptor() {
        return descriptor;
    }

    @Override
    public Object call(int methodId, Object[] args) {
        RpcConnection connection = endpoint.connection();
        PendingCall call = connection.startCall(objectId, descriptor, methodId, args, false);
        try {
            return call.future().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw RemoteFailures.sneakyThrow(RemoteFailures.forCaller(e.getCause(), descriptor, call.method()));
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
        RpcConnection connection = endpoint.connection();
        PendingCall call = connection.startCall(objectId, descriptor, methodId, args, true);
        CompletableFuture<Object> future = call.future();
        if (!future.isDone()) {
            ScheduledFuture<?> timer = TIMERS.schedule(
                    () -> future.completeExceptionally(new CallTimeoutException(call.description(), timeout)),
                    timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
            // However it ends: a reply was removed already (no-op); a timeout or a cancellation by the
            // caller tells the other side to stop the work.
            future.whenComplete((value, error) -> {
                timer.cancel(false);
                connection.abandon(call);
            });
        }
        return (CompletableFuture<R>) (CompletableFuture<?>) future;
    }

    @Override
    public String toString() {
        return objectId + " in " + endpoint.connection().name();
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor timers =
                new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("isolate4j-call-timeouts"));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }
}
