package dev.isolate4j.internal.framing;

import java.nio.ByteBuffer;

/**
 * One frame as read from the wire: its type, the call id it belongs to (0 for frames outside a
 * call), its body, positioned at the first body byte, and the segment it ends with, if any (see
 * {@link FrameFormat}); or, for a frame whose body this side had no room for, why it was skipped.
 *
 * @param refusal {@code null} for a frame that was read; otherwise why its body was skipped (see
 *     {@link BodyAdmission}), and {@code body} is empty
 */
public record Frame(FrameType type, long callId, ByteBuffer body, byte[] segment, String refusal) {
    /**
     * A frame, with or without a segment.
     *
     * @param type the frame's type
     * @param callId the call it belongs to
     * @param body its body
     * @param segment its segment, or {@code null}
     */
    public Frame(FrameType type, long callId, ByteBuffer body, byte[] segment) {
        this(type, callId, body, segment, null);
    }

    /**
     * A frame without a segment.
     *
     * @param type the frame's type
     * @param callId the call it belongs to
     * @param body its body
     */
    public Frame(FrameType type, long callId, ByteBuffer body) {
        this(type, callId, body, null, null);
    }

    /**
     * A frame whose body was skipped.
     *
     * @param type the frame's type
     * @param callId the call it belongs to
     * @param refusal why its body was skipped
     * @return the frame
     */
    public static Frame refused(FrameType type, long callId, String refusal) {
        return new Frame(type, callId, ByteBuffer.allocate(0), null, refusal);
    }
}
