package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.SegmentInbox;

/**
 * Takes the segments the peer placed in its area: copies each into an array of its own, then notes
 * its ticket in this side's area, which lets the peer place the next. Used by the connection's frame
 * reader, one thread at a time.
 */
final class IncomingArea implements SegmentInbox {
    private final PeerArea peer;
    private final OwnArea own;

    IncomingArea(PeerArea peer, OwnArea own) {
        this.peer = peer;
        this.own = own;
    }

    @Override
    public byte[] take(long ticket, int size) throws FrameException {
        byte[] segment = new byte[size];
        peer.copyInto(segment);
        own.noteTaken(ticket);
        return segment;
    }

    @Override
    public void release(long ticket) {
        own.noteTaken(ticket);
    }
}
