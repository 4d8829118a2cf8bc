package dev.isolate4j.internal.framing;

/**
 * Where a frame's large segment may go instead of the socket: memory the peer maps, from which its
 * {@link SegmentInbox} copies it once. A 64 MiB array that crosses a socket is copied four times
 * (into the writer's buffer, into the kernel, out of it, into the reader's array); through shared
 * memory, twice. The {@link FrameWriter} offers every segment of {@link #MIN_BYTES} or more and
 * sends it in the frame when it is not taken.
 */
@FunctionalInterface
public interface SegmentOutbox {
    /** Segments smaller than this always cross in their frame: the socket is as fast for them. */
    int MIN_BYTES = 1 << 20;

    /** What {@link #place} returns for a segment left to the frame. */
    long NOT_PLACED = -1;

    /** Takes no segment: every one crosses in its frame. */
    SegmentOutbox NONE = segment -> NOT_PLACED;

    /**
     * Copies {@code segment} where the peer reads it, if there is room now. Called by the writer
     * with the frame's lock held, before the frame that names the ticket is written; never blocks on
     * the peer.
     *
     * @param segment the array, of {@link #MIN_BYTES} or more
     * @return the ticket the frame carries, positive; or {@link #NOT_PLACED}, and the frame carries
     *     the segment itself
     */
    long place(byte[] segment);
}
