package dev.isolate4j.internal.framing;

/**
 * The frame layout, shared by reader and writer.
 *
 * <pre>
 * int32  length   bytes that follow this field (header rest + body)
 * byte   type     a {@link FrameType} code
 * int64  callId   0 for frames outside a call
 * ...    body     type-specific
 * </pre>
 *
 * A CALL or RESULT may end with a segment: one large array that the reader puts straight into an
 * array of its own, which becomes the argument or result without another copy. Its type byte then
 * has {@link #SEGMENT_FLAG} set, and an int32 segment length follows the call id; the segment's
 * bytes are the last of the frame, counted by {@code length}.
 *
 * <p>A segment that a {@link SegmentOutbox} placed in shared memory stays out of the frame: the type
 * byte has {@link #SEGMENT_FLAG} and {@link #PLACED_FLAG} set, and the segment's length is followed
 * by an int64 ticket, with which the reader's {@link SegmentInbox} takes it.
 */
public final class FrameFormat {
    /** Bytes of the {@code length} field. */
    public static final int LENGTH_BYTES = Integer.BYTES;
    /** Bytes counted by {@code length} before the body: type and call id. */
    public static final int HEADER_REST_BYTES = Byte.BYTES + Long.BYTES;

    /** Bytes of the whole header: length, type and call id. */
    public static final int HEADER_BYTES = LENGTH_BYTES + HEADER_REST_BYTES;

    /** Set in the type byte of a frame that ends with a segment. */
    public static final int SEGMENT_FLAG = 0x80;

    /** Set in the type byte, beside {@link #SEGMENT_FLAG}, of a frame whose segment was placed in shared memory. */
    public static final int PLACED_FLAG = 0x40;

    /** The flags a type byte may carry beside the type's code. */
    static final int FLAGS = SEGMENT_FLAG | PLACED_FLAG;

    /** Bytes of a placed segment's ticket, after its length. */
    public static final int TICKET_BYTES = Long.BYTES;

    /** Bytes of the segment's length, after the header of a frame that has one. */
    public static final int SEGMENT_LENGTH_BYTES = Integer.BYTES;

    private FrameFormat() {}
}
