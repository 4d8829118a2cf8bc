package dev.isolate4j.internal.framing;

/**
 * Where this side reads the segments the peer's {@link SegmentOutbox} placed outside the socket.
 * The {@link FrameReader} takes a frame's placed segment as soon as it has read the frame, so that
 * the peer may place its next one.
 */
public interface SegmentInbox {
    /** Reads no placed segment: a frame that names one is malformed on this connection. */
    SegmentInbox NONE = new SegmentInbox() {
        @Override
        public byte[] take(long ticket, int size) throws FrameException {
            throw new FrameException("a frame's segment of " + size
                    + " bytes was placed in shared memory, which this connection does not read");
        }

        @Override
        public void release(long ticket) {}
    };

    /**
     * Copies a placed segment into a new array of its own, and lets the peer place the next one.
     *
     * @param ticket the ticket its frame carries
     * @param size its size in bytes
     * @return the segment
     * @throws FrameException when it cannot be read: the area is smaller than the frame says, or went
     *     away while it was read
     */
    byte[] take(long ticket, int size) throws FrameException;

    /**
     * Lets the peer place its next segment without reading this one: for a frame this side refused.
     *
     * @param ticket the ticket its frame carries
     */
    void release(long ticket);
}
