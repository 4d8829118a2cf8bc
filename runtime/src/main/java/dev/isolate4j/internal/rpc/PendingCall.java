package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.MethodDescriptor;
import java.util.concurrent.CompletableFuture;

/**
 * A call this side made and whose reply has not arrived. An asynchronous call's caller holds the
 * future itself, so its completion runs on a worker thread: the caller's callbacks never run on,
 * and never block, the reader thread. The method is {@code null} for an id the interface lacks.
 */
final class PendingCall {
    private final long id;
    private final String description;
    private final boolean async;
    private final MethodDescriptor method;
    private final CompletableFuture<Object> future;
    /** Set once the arguments are serialized; read by the call's JFR event. */
    private volatile long requestBytes;

    PendingCall(long id, String description, boolean async, MethodDescriptor method, CompletableFuture<Object> future) {
        this.id = id;
        this.description = description;
        this.async = async;
        this.method = method;
        this.future = future;
    }

    long id() {
        return id;
    }

    String description() {
        return description;
    }

    boolean async() {
        return async;
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

    void requestBytes(long bytes) {
        this.requestBytes = bytes;
    }
}
