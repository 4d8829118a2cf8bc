package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.MethodDescriptor;
import java.util.concurrent.CompletableFuture;

/**
 * A call this side made and whose reply has not arrived.
 *
 * @param async whether the caller holds the future itself; its completion then runs on a worker
 *     thread, so that the caller's callbacks never run on (and never block) the reader thread
 * @param method the called method, or {@code null} for an id the interface does not have
 */
record PendingCall(
        long id, String description, boolean async, MethodDescriptor method, CompletableFuture<Object> future) {}
