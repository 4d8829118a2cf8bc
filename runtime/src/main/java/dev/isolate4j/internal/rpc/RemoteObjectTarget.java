package dev.isolate4j.internal.rpc;

import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.observability.CallEvent;
import dev.isolate4j.internal.observability.FlightRecording;
import dev.isolate4j.spi.RemoteInterface;
import dev.isolate4j.spi.RemoteTarget;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The remote object behind a generated proxy: an object id on the other side of an endpoint. */
public final class RemoteObjectTarget implements RemoteTarget {
    private final Endpoint endpoint;
    private final String objectId;
    private final RemoteInterface<?> descriptor;
    private final Duration timeout;

    /**
     * A target for object {@code objectId} behind {@code endpoint}.
     *
     * @param endpoint where the calls go
     * @param objectId the object's id on the other side
     * @param descriptor the object's interface
     * @param timeout how long a call may take
     */
    public RemoteObjectTarget(Endpoint endpoint, String objectId, RemoteInterface<?> descriptor, Duration timeout) {
        this.endpoint = endpoint;
        this.objectId = objectId;
        this.descriptor = descriptor;
        this.timeout = timeout;
    }

    /**
     * A proxy of {@code descriptor}'s interface for object {@code objectId} behind {@code endpoint}.
     *
     * @param <T> the interface
     * @param endpoint where the calls go
     * @param objectId the object's id on the other side
     * @param descriptor the object's interface
     * @param timeout how long a call may take
     * @return the proxy
     */
    public static <T> T proxy(Endpoint endpoint, String objectId, RemoteInterface<T> descriptor, Duration timeout) {
        endpoint.register(descriptor);
        return descriptor.newProxy(new RemoteObjectTarget(endpoint, objectId, descriptor, timeout));
    }

    /**
     * A proxy to the same object whose calls time out after {@code timeout}.
     *
     * @param <T> the interface
     * @param type the interface
     * @param timeout how long a call may take
     * @return the proxy
     */
    public <T> T withTimeout(Class<T> type, Duration timeout) {
        RemoteObjectTarget target = new RemoteObjectTarget(endpoint, objectId, descriptor, timeout);
        return type.cast(descriptor.newProxy(target));
    }

    /** {@return where the calls go} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** {@return the current connection behind the endpoint} */
    public RpcConnection connection() {
        return endpoint.connection();
    }

    /** {@return the object's id on the other side} */
    public String objectId() {
        return objectId;
    }

    /** {@return the object's interface} */
    public RemoteInterface<?> descriptor() {
        return descriptor;
    }

    @Override
    public Object call(int methodId, Object[] args) {
        RpcConnection connection = endpoint.beginCall();
        CallEvent event = FlightRecording.beginCall();
        long start = System.nanoTime();
        PendingCall call = connection.startCall(objectId, descriptor, methodId, args, false);
        CallTiming.stamp(call.id(), CallTiming.CALLER_ENTERED, start);
        String outcome = "error";
        try {
            ReadingRole.beforeWaiting();
            ReplySpin spin = connection.replySpin();
            int way = spin.choose();
            spin.await(call.future(), start, way, connection::pollReply);
            Object result = call.future().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            CallTiming.stamp(call.id(), CallTiming.CALLER_WOKE);
            spin.record(way, System.nanoTime() - start);
            outcome = "ok";
            return result;
        } catch (ExecutionException e) {
            throw RemoteFailures.sneakyThrow(
                    RemoteFailures.forCaller(e.getCause(), descriptor, call.method(), call.errorFields()));
        } catch (TimeoutException e) {
            outcome = "timeout";
            connection.abandon(call);
            throw new CallTimeoutException(call.description(), timeout);
        } catch (InterruptedException e) {
            outcome = "interrupted";
            connection.abandon(call);
            Thread.currentThread().interrupt();
            throw new RemoteCallException(call.description() + " was interrupted while waiting for its result", e);
        } finally {
            endpoint.recordCall(System.nanoTime() - start, !outcome.equals("ok"));
            commit(event, connection, call, outcome);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> callAsync(int methodId, Object[] args) {
        RpcConnection connection = endpoint.beginCall();
        CallEvent event = FlightRecording.beginCall();
        long start = System.nanoTime();
        PendingCall call = connection.startCall(objectId, descriptor, methodId, args, true);
        CompletableFuture<Object> future = call.future();
        if (!future.isDone()) {
            call.deadline(start + timeout.toNanos(), timeout);
            CallTimeouts.watch();
        }
        // One completion step however it ends. A reply removed the call already, so abandoning it is a
        // no-op; a timeout or a cancellation by the caller tells the other side to stop the work.
        future.whenComplete((value, error) -> {
            connection.abandon(call);
            endpoint.recordCall(System.nanoTime() - start, error != null);
            commit(event, connection, call, outcomeOf(future, error));
        });
        return (CompletableFuture<R>) (CompletableFuture<?>) future;
    }

    private void commit(CallEvent event, RpcConnection connection, PendingCall call, String outcome) {
        if (event != null && event.shouldCommit()) {
            event.connection = connection.name();
            event.object = objectId;
            event.method = call.method() == null ? "#unknown" : call.method().name();
            event.requestBytes = call.requestBytes();
            event.outcome = outcome;
            event.commit();
        }
    }

    private static String outcomeOf(CompletableFuture<?> future, Throwable error) {
        if (error == null) {
            return "ok";
        }
        if (future.isCancelled()) {
            return "cancelled";
        }
        return error instanceof CallTimeoutException ? "timeout" : "error";
    }

    @Override
    public String toString() {
        return objectId + " in " + endpoint.connection().name();
    }
}
