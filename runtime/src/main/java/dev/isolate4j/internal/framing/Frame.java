package dev.isolate4j.internal.framing;

import java.nio.ByteBuffer;

/**
 * One frame as read from the wire: its type, the call id it belongs to (0 for frames outside a
 * call) and its body, positioned at the first body byte.
 */
public record Frame(FrameType type, long callId, ByteBuffer body) {}
