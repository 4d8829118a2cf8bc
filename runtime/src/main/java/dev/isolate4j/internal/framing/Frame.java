package dev.isolate4j.internal.framing;

import java.nio.ByteBuffer;

/**
 * One frame as read from the wire: its type, the call id it belongs to (0 for frames outside a
 * call), its body, positioned at the first body byte, and the segment it ends with, if any (see
 * {@link FrameFormat}).
 */
public record Frame(FrameType type, long callId, ByteBuffer body, byte[] segment) {
    /**
     * A frame without a segment.
     *
     * @param type the frame's type
     * @param callId the call it belongs to
     * @param body its body
     */
    public Frame(FrameType type, long callId, ByteBuffer body) {
        this(type, callId, body, null);
    }
}
