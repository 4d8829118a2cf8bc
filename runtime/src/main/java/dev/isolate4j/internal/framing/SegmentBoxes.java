package dev.isolate4j.internal.framing;

/**
 * The two ends of a connection's way for large segments outside the socket: where this side places
 * the segments it writes, and where it takes those the peer placed.
 *
 * @param outbox where this side's {@link FrameWriter} places large segments
 * @param inbox where its {@link FrameReader} takes the peer's
 */
public record SegmentBoxes(SegmentOutbox outbox, SegmentInbox inbox) {
    /** Every segment crosses in its frame. */
    public static final SegmentBoxes NONE = new SegmentBoxes(SegmentOutbox.NONE, SegmentInbox.NONE);
}
