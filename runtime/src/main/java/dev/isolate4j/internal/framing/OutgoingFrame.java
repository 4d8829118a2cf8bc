package dev.isolate4j.internal.framing;

import java.nio.ByteBuffer;

/**
 * A frame to write with {@link FrameWriter#writeAll}: the arguments of {@link
 * FrameWriter#write(FrameType, long, byte[], ByteBuffer...)}, held until the frame goes out.
 *
 * @param type the frame's type
 * @param callId the call or stream the frame belongs to
 * @param segment the array the frame ends with, or {@code null}
 * @param bodyParts the body, in parts; their positions are left as they were
 */
public record OutgoingFrame(FrameType type, long callId, byte[] segment, ByteBuffer... bodyParts) {
    /** {@return the frame's length field: everything after the length itself} */
    public long length() {
        long bodyBytes = 0;
        for (ByteBuffer part : bodyParts) {
            bodyBytes += part.remaining();
        }
        if (segment != null) {
            bodyBytes += FrameFormat.SEGMENT_LENGTH_BYTES + segment.length;
        }
        return FrameFormat.HEADER_REST_BYTES + bodyBytes;
    }

    /** {@return the length field when the segment was placed outside the frame: its length and ticket instead of its bytes} */
    public long placedLength() {
        long bodyBytes = FrameFormat.SEGMENT_LENGTH_BYTES + FrameFormat.TICKET_BYTES;
        for (ByteBuffer part : bodyParts) {
            bodyBytes += part.remaining();
        }
        return FrameFormat.HEADER_REST_BYTES + bodyBytes;
    }
}
