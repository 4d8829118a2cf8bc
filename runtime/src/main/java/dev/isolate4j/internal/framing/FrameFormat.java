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
 */
public final class FrameFormat {
    /** Bytes of the {@code length} field. */
    public static final int LENGTH_BYTES = Integer.BYTES;
    /** Bytes counted by {@code length} before the body: type and call id. */
    public static final int HEADER_REST_BYTES = Byte.BYTES + Long.BYTES;

    /** Bytes of the whole header: length, type and call id. */
    public static final int HEADER_BYTES = LENGTH_BYTES + HEADER_REST_BYTES;

    private FrameFormat() {}
}
