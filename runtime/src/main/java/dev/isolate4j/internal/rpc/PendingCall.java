package dev.isolate4j.internal.rpc;

import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A call this side made and whose reply has not arrived. The thread that reads the reply completes
 * the future, and so runs an asynchronous call's callbacks itself: they cost no hand-off while
 * they are quick. A callback that waits, or runs past a millisecond, does not stall the
 * connection: {@link ReadingRole} hands the reading to another thread meanwhile. The method is
 * {@code null} for an id the interface lacks.
 */
final class PendingCall {
    private final long id;
    /** Names the call in messages; built when one is needed, not for every call. */
    private final Supplier<String> description;

    private final boolean async;
    private final RemoteInterface<?> target;
    private final MethodDescriptor method;
    private final CompletableFuture<Object> future;
    /** Set before the call is sent; told how it ended before its caller wakes. */
    private volatile Interceptors.Listeners listeners = Interceptors.Listeners.NONE;

    /** The deadline of an asynchronous call, 0 for none; written once, before {@link #timeout} is read. */
    private volatile long deadlineNanos;

    private Duration timeout;

    /** Set once the arguments are serialized; read by the call's JFR event. */
    private volatile long requestBytes;
    /**
     * The field values of the exception the remote method threw, set by the reader before it fails
     * the future, so that a caller woken by the future sees them.
     */
    private volatile Map<String, Object> errorFields = Map.of();

    PendingCall(
            long id,
            Supplier<String> description,
            boolean async,
            RemoteInterface<?> target,
            MethodDescriptor method,
            CompletableFuture<Object> future) {
        this.id = id;
        this.description = description;
        this.async = async;
        this.target = target;
        this.method = method;
        this.future = future;
    }

    long id() {
        return id;
    }

    String description() {
        return description.get();
    }

    /**
     * Gives an asynchronous call a deadline: {@link CallTimeouts} fails it with a {@link
     * CallTimeoutException} once {@code deadlineNanos} (of {@link System#nanoTime()}) has passed.
     */
    void deadline(long deadlineNanos, Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = deadlineNanos; // last: the sweeper reads it first
    }

    /** Fails the call when its deadline has passed by {@code nowNanos}; a no-op without one, or once done. */
    void timeOutIfDue(long nowNanos) {
        Duration limit = timeout;
        if (deadlineNanos != 0 && nowNanos - deadlineNanos >= 0 && !future.isDone()) {
            future.completeExceptionally(new CallTimeoutException(description(), limit));
        }
    }

    boolean async() {
        return async;
    }

    /** {@return the interface called, whose class loader finds the exceptions its methods declare} */
    RemoteInterface<?> target() {
        return target;
    }

    MethodDescriptor method() {
        return method;
    }

    CompletableFuture<Object> future() {
        return future;
    }

    long requestBytes() {
        return requestBytes;
    }

    Interceptors.Listeners listeners() {
        return listeners;
    }

    void listeners(Interceptors.Listeners listeners) {
        this.listeners = listeners;
    }

    void requestBytes(long bytes) {
        this.requestBytes = bytes;
    }

    Map<String, Object> errorFields() {
        return errorFields;
    }

    void errorFields(Map<String, Object> fields) {
        this.errorFields = fields;
    }
}
