package dev.isolate4j.internal.rpc;

/**
 * Stands on the wire for an argument or result whose declared type is {@code Flow.Publisher}: the
 * publisher stays with its sender, which exported it under {@code streamId}, and the receiver gets
 * a {@link RemotePublisher} that subscribes to it with STREAM_REQUEST frames.
 *
 * @param streamId the id the sender exported the publisher under
 */
record StreamRef(long streamId) {}
