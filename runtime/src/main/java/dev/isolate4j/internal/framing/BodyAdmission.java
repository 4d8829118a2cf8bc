package dev.isolate4j.internal.framing;

/**
 * Decides, before the body of a large frame is allocated, whether this side has the memory to read
 * it; the {@link FrameReader} skips the body of a frame it refuses, so that the stream stays in step
 * and only that frame's call fails. See {@link HeapRoom}.
 */
@FunctionalInterface
public interface BodyAdmission {
    /** Admits every body. */
    BodyAdmission ALL = (type, wireBytes, heapBytes) -> null;

    /**
     * Admits a body, or says why not.
     *
     * @param type the frame's type
     * @param wireBytes the body's size on the wire
     * @param heapBytes about how much heap reading and decoding it takes
     * @return {@code null} to admit it; otherwise why it is refused, a phrase for an error message
     */
    String refusal(FrameType type, long wireBytes, long heapBytes);
}
