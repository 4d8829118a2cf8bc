package dev.isolate4j.internal.framing;

import dev.isolate4j.internal.SpareBuffer;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a blocking channel. Not thread-safe: one thread at a time reads a connection.
 *
 * <p>Reads go through one buffer of {@link #READ_AHEAD_BYTES}, filled as far as the channel has
 * bytes: a burst of small frames (64 calls in flight) costs one system call, not two per frame.
 * The buffer is direct, so the JDK copies nothing through a temporary buffer of its own; those are
 * kept per thread and sized to the largest read, which would pin a 64 MiB buffer to every thread
 * that once read a 64 MiB frame. A body of {@link #LARGE_READ_BYTES} or more is read through a
 * buffer of that size: larger reads mean fewer wake-ups of both peers while it streams in. The reader
 * goes back to its small buffer after the frame, and holds the large one only weakly: frames that
 * follow soon reuse it, and a collection (an idle child runs one every few seconds) frees it, so that
 * a connection that once carried a large frame does not keep 1 MiB of direct memory on each side.
 *
 * <p>Hostile or broken input is refused as early as possible:
 *
 * <ul>
 *   <li>the length is checked against {@code maxFrameBytes} as soon as its four bytes arrive,
 *       before the rest of the header is awaited and before anything is allocated;
 *   <li>the type is checked before the body is read;
 *   <li>a body is allocated at once only up to {@link #EAGER_BODY_BYTES}; a larger one grows (by
 *       doubling, so at most one extra copy) as its bytes actually arrive. A peer that announces a
 *       maximum-size frame and then stalls costs this side {@code EAGER_BODY_BYTES} or twice what it
 *       really sent, not {@code maxFrameBytes}.
 * </ul>
 *
 * <p>A frame whose segment the peer placed in shared memory ({@link FrameFormat#PLACED_FLAG}) is read
 * whole, with its segment taken from the {@link SegmentInbox} the reader was given (none by
 * default: such a frame is then malformed).
 *
 * <p>Every failure is a {@link FrameException} (malformed) or an {@link EOFException} (truncated),
 * both with a message; after either, the stream is out of step and the connection must be closed.
 */
public final class FrameReader {
    /**
     * Bodies up to this size are allocated in one piece when their header arrives; larger ones
     * grow as they arrive. Growing costs an extra copy (about 40% more time to read a 64 MiB body),
     * so the threshold sits above the sizes that are common and benchmarked (a 64 MiB array); a
     * stalled frame costs at most this much, or twice what was really sent, not maxFrameBytes.
     */
    static final int EAGER_BODY_BYTES = 128 << 20;

    /** How much one read asks the channel for. */
    static final int READ_AHEAD_BYTES = 128 << 10;

    /**
     * How much one read asks for once a body this large has arrived. Each read that empties the
     * socket wakes the peer's writer, and the peer's reading thread with it (Linux wakes every
     * sleeper on a Unix socket when its send space frees); a 64 MiB round trip measured 10% faster.
     */
    static final int LARGE_READ_BYTES = 1 << 20;

    /** Bodies that take less heap than this are read without asking the admission. */
    static final long ADMITTED_BELOW = 1 << 20;

    private final ReadableByteChannel channel;
    private final int maxFrameBytes;
    private final BodyAdmission admission;
    /** Where the segments the peer placed outside the socket are taken. */
    private final SegmentInbox inbox;

    private final int eagerBodyBytes;
    /** False: never reads past the current frame, for a channel another reader takes over. */
    private final boolean readAhead;
    /** Unread bytes lie between position and limit; {@link #small} or a large buffer. */
    private ByteBuffer buffer;
    /** The buffer the reader returns to after a large frame. */
    private final ByteBuffer small;
    /** The large buffer, reused until a collection frees it. */
    private final SpareBuffer large = new SpareBuffer(LARGE_READ_BYTES);

    /**
     * Reads frames from {@code channel}, reading ahead.
     *
     * @param channel the connection
     * @param maxFrameBytes the largest frame accepted; larger ones fail before anything is allocated
     */
    public FrameReader(ReadableByteChannel channel, int maxFrameBytes) {
        this(channel, maxFrameBytes, BodyAdmission.ALL);
    }

    /**
     * Reads frames from {@code channel}, reading ahead, and skips the bodies {@code admission}
     * refuses.
     *
     * @param channel the connection
     * @param maxFrameBytes the largest frame accepted; larger ones fail before anything is allocated
     * @param admission asked before a body of {@link #ADMITTED_BELOW} or more is allocated
     */
    public FrameReader(ReadableByteChannel channel, int maxFrameBytes, BodyAdmission admission) {
        this(channel, maxFrameBytes, admission, SegmentInbox.NONE);
    }

    /**
     * Reads frames from {@code channel}, reading ahead; skips the bodies {@code admission} refuses,
     * and takes the segments the peer placed outside the socket from {@code inbox}.
     *
     * @param channel the connection
     * @param maxFrameBytes the largest frame accepted; larger ones fail before anything is allocated
     * @param admission asked before a body of {@link #ADMITTED_BELOW} or more is allocated
     * @param inbox where placed segments are read
     */
    public FrameReader(ReadableByteChannel channel, int maxFrameBytes, BodyAdmission admission, SegmentInbox inbox) {
        this(
                channel,
                maxFrameBytes,
                EAGER_BODY_BYTES,
                true,
                ByteBuffer.allocateDirect(READ_AHEAD_BYTES),
                admission,
                inbox);
    }

    /**
     * For tests: a smaller {@code eagerBodyBytes} exercises the growing of bodies cheaply, and a
     * small heap buffer makes frames cross its boundaries often, and costs little to create.
     */
    FrameReader(ReadableByteChannel channel, int maxFrameBytes, int eagerBodyBytes) {
        this(
                channel,
                maxFrameBytes,
                eagerBodyBytes,
                true,
                ByteBuffer.allocate(4096),
                BodyAdmission.ALL,
                SegmentInbox.NONE);
    }

    private FrameReader(
            ReadableByteChannel channel,
            int maxFrameBytes,
            int eagerBodyBytes,
            boolean readAhead,
            ByteBuffer buffer,
            BodyAdmission admission,
            SegmentInbox inbox) {
        if (eagerBodyBytes < 1) {
            throw new IllegalArgumentException("eagerBodyBytes must be positive, was " + eagerBodyBytes);
        }
        if (maxFrameBytes < FrameFormat.HEADER_REST_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be at least " + FrameFormat.HEADER_REST_BYTES + ", was " + maxFrameBytes);
        }
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.eagerBodyBytes = eagerBodyBytes;
        this.readAhead = readAhead;
        this.buffer = buffer.limit(0);
        this.small = buffer;
        this.admission = admission;
        this.inbox = inbox;
    }

    /**
     * A reader that never reads a byte past the frame it returns: for a handshake, after which the
     * channel belongs to another reader.
     *
     * @param channel the connection
     * @param maxFrameBytes the largest frame accepted
     * @return the reader
     */
    public static FrameReader exact(ReadableByteChannel channel, int maxFrameBytes) {
        return new FrameReader(
                channel,
                maxFrameBytes,
                EAGER_BODY_BYTES,
                false,
                ByteBuffer.allocate(4096),
                BodyAdmission.ALL,
                SegmentInbox.NONE);
    }

    /**
     * Reads the next frame, blocking until it is complete.
     *
     * @return the frame, or {@code null} when the peer closed the connection between frames
     * @throws EOFException when the peer closed the connection in the middle of a frame
     * @throws FrameException when the bytes are not a valid frame
     */
    public Frame read() throws IOException {
        // The length is checked as soon as its own bytes are in: a bad one fails without waiting.
        if (!fill(FrameFormat.LENGTH_BYTES, FrameFormat.HEADER_BYTES, true)) {
            return null;
        }
        int start = buffer.position();
        int length = buffer.getInt(start);
        if (length < FrameFormat.HEADER_REST_BYTES || length > maxFrameBytes) {
            throw new FrameException("frame length " + length + " is outside the accepted range "
                    + FrameFormat.HEADER_REST_BYTES + ".." + maxFrameBytes);
        }
        int bodySize = length - FrameFormat.HEADER_REST_BYTES;
        fill(FrameFormat.HEADER_BYTES, FrameFormat.HEADER_BYTES + bodySize, false);
        start = buffer.position();
        byte code = buffer.get(start + FrameFormat.LENGTH_BYTES);
        boolean segmented = (code & FrameFormat.SEGMENT_FLAG) != 0;
        boolean placed = (code & FrameFormat.PLACED_FLAG) != 0;
        FrameType type = typeOf(code);
        if (type == null) {
            throw new FrameException("unknown frame type " + (code & 0xFF));
        }
        long callId = callIdAt(start);
        buffer.position(start + FrameFormat.HEADER_BYTES);
        if (placed) {
            if (!segmented) {
                throw new FrameException("a " + type + " frame's type byte says its segment was placed in shared"
                        + " memory, but not that it has a segment");
            }
            return placedSegmentFrame(type, callId, bodySize);
        }
        if (!segmented) {
            // Decoding a payload takes about as much heap again as its bytes (a string, an array).
            String refusal = refusal(type, bodySize, 2L * bodySize);
            return refusal != null
                    ? skipped(type, callId, bodySize, refusal)
                    : done(new Frame(type, callId, readBody(bodySize)));
        }
        int segmentSize = segmentSize(type, bodySize);
        int payloadSize = bodySize - FrameFormat.SEGMENT_LENGTH_BYTES - segmentSize;
        // The segment's array becomes the value itself.
        String refusal = refusal(type, bodySize, segmentSize + 2L * payloadSize);
        if (refusal != null) {
            return skipped(type, callId, payloadSize + segmentSize, refusal);
        }
        ByteBuffer body = readBody(payloadSize);
        // Allocated to the exact size, so that the array itself becomes the argument or result.
        return done(new Frame(type, callId, body, readBody(segmentSize).array()));
    }

    /**
     * Whether a whole frame is already buffered, so that the next {@link #read()} returns without
     * waiting for the channel.
     *
     * @return true when it is
     */
    public boolean hasFrame() {
        int unread = buffer.remaining();
        if (unread < FrameFormat.LENGTH_BYTES) {
            return false;
        }
        long length = buffer.getInt(buffer.position());
        return unread >= FrameFormat.LENGTH_BYTES + length;
    }

    /**
     * Back to the small buffer after a large frame, when the bytes read ahead fit in it; the large
     * buffer stays weakly reachable, for the next large frame.
     */
    private Frame done(Frame frame) {
        if (buffer != small && buffer.remaining() <= small.capacity()) {
            small.clear();
            small.put(buffer).flip();
            buffer = small;
        }
        return frame;
    }

    /** {@return whether bytes the channel gave are still unread: part of a frame, or more} */
    public boolean hasBytes() {
        return buffer.hasRemaining();
    }

    /**
     * Reads what the channel has now into the buffer, without waiting: for a caller that polls for
     * its reply ({@code rpc.ReadAccess}), and for the reading thread woken by the channel's selector.
     *
     * @param source reads what the channel has, without waiting
     * @return the bytes read: 0 when there were none or the buffer is full, -1 at the end of the
     *     stream
     * @throws IOException when the read fails
     */
    public int readAvailable(NonBlockingSource source) throws IOException {
        if (buffer.remaining() == buffer.capacity()) {
            return 0;
        }
        buffer.compact();
        try {
            return source.readNow(buffer);
        } finally {
            buffer.flip();
        }
    }

    /**
     * Whether the next frame can be whole in the buffer, so that a poller may wait for it there; a
     * larger one is for {@link #read()}, which grows its body as it arrives.
     *
     * @return true, unless the next frame's length is buffered and the frame is larger
     */
    public boolean nextFrameFits() {
        return buffer.remaining() < FrameFormat.LENGTH_BYTES
                || (long) buffer.getInt(buffer.position()) + FrameFormat.LENGTH_BYTES <= buffer.capacity();
    }

    /** {@return the type of the frame {@link #hasFrame()} found buffered; null when it is malformed} */
    public FrameType bufferedType() {
        if (buffer.remaining() < FrameFormat.HEADER_BYTES) {
            return null; // a length too short for a header: read() says so
        }
        return typeOf(buffer.get(buffer.position() + FrameFormat.LENGTH_BYTES));
    }

    /** {@return the call id of the frame {@link #hasFrame()} found buffered} */
    public long bufferedCallId() {
        return callIdAt(buffer.position());
    }

    /** The type a frame's type byte names, its flags aside; null for an unknown one. */
    private static FrameType typeOf(byte code) {
        return FrameType.ofCode((byte) (code & ~FrameFormat.FLAGS));
    }

    /** The call id of the frame whose header starts at {@code frameStart} in the buffer. */
    private long callIdAt(int frameStart) {
        return buffer.getLong(frameStart + FrameFormat.LENGTH_BYTES + 1);
    }

    /** Reads what a channel has now, without waiting. */
    @FunctionalInterface
    public interface NonBlockingSource {
        /**
         * Reads into {@code buffer} what is there.
         *
         * @return the bytes read, 0 when none were there, -1 at the end of the stream
         * @throws IOException when the read fails
         */
        int readNow(ByteBuffer buffer) throws IOException;
    }

    /** For tests: the capacity of the buffer reads go through now. */
    int bufferCapacity() {
        return buffer.capacity();
    }

    private String refusal(FrameType type, long wireBytes, long heapBytes) {
        return heapBytes < ADMITTED_BELOW ? null : admission.refusal(type, wireBytes, heapBytes);
    }

    /** Reads the rest of a refused frame's body and drops it, holding no more than the buffer. */
    private Frame skipped(FrameType type, long callId, int size, String refusal) throws IOException {
        long left = size;
        while (true) {
            int count = (int) Math.min(buffer.remaining(), left);
            buffer.position(buffer.position() + count);
            left -= count;
            if (left == 0) {
                return Frame.refused(type, callId, refusal);
            }
            if (!refill(left)) {
                throw truncated((int) (size - left), size, FrameFormat.HEADER_BYTES);
            }
        }
    }

    /**
     * Reads a frame whose segment the peer placed in shared memory: the body, then the segment from
     * the {@link SegmentInbox}, which lets the peer place its next one. A refused frame's segment is
     * released unread.
     */
    private Frame placedSegmentFrame(FrameType type, long callId, int bodySize) throws IOException {
        checkSegmentCarrier(type);
        int fields = FrameFormat.SEGMENT_LENGTH_BYTES + FrameFormat.TICKET_BYTES;
        if (bodySize < fields) {
            throw new FrameException("a frame with a placed segment has a body of " + bodySize
                    + " bytes, too short for the segment's length and ticket");
        }
        fill(fields, bodySize, false);
        int segmentSize = buffer.getInt();
        long ticket = buffer.getLong();
        if (segmentSize < 0) {
            throw new FrameException("placed segment of " + segmentSize + " bytes");
        }
        int payloadSize = bodySize - fields;
        String refusal = refusal(type, (long) payloadSize + segmentSize, segmentSize + 2L * payloadSize);
        if (refusal != null) {
            Frame skipped = skipped(type, callId, payloadSize, refusal);
            inbox.release(ticket);
            return skipped;
        }
        ByteBuffer body = readBody(payloadSize);
        return done(new Frame(type, callId, body, inbox.take(ticket, segmentSize)));
    }

    private static void checkSegmentCarrier(FrameType type) throws FrameException {
        if (type != FrameType.CALL && type != FrameType.RESULT && type != FrameType.STREAM_ITEM) {
            throw new FrameException(
                    "a " + type + " frame carries a segment; only CALL, RESULT and STREAM_ITEM frames may");
        }
    }

    /** Reads and checks the length of the segment a CALL or RESULT frame ends with. */
    private int segmentSize(FrameType type, int bodySize) throws IOException {
        checkSegmentCarrier(type);
        if (bodySize < FrameFormat.SEGMENT_LENGTH_BYTES) {
            throw new FrameException("a frame with a segment has a body of " + bodySize + " bytes, too short for"
                    + " the segment's length");
        }
        fill(FrameFormat.SEGMENT_LENGTH_BYTES, bodySize, false);
        int segmentSize = buffer.getInt();
        if (segmentSize < 0 || segmentSize > bodySize - FrameFormat.SEGMENT_LENGTH_BYTES) {
            throw new FrameException(
                    "segment of " + segmentSize + " bytes does not fit in a body of " + bodySize + " bytes");
        }
        return segmentSize;
    }

    private ByteBuffer readBody(int size) throws IOException {
        if (size >= LARGE_READ_BYTES && buffer.capacity() < LARGE_READ_BYTES) {
            buffer = large.take().put(buffer).flip();
        }
        ByteBuffer body = ByteBuffer.allocate(Math.min(size, eagerBodyBytes));
        while (true) {
            take(body);
            if (body.position() == size) {
                return body.flip();
            }
            if (!body.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate((int) Math.min(size, 2L * body.capacity()));
                body = larger.put(body.flip());
                continue;
            }
            if (!refill(size - body.position())) {
                throw truncated(body.position(), size, FrameFormat.HEADER_BYTES);
            }
        }
    }

    /** Moves as many unread bytes into {@code body} as both hold. */
    private void take(ByteBuffer body) {
        int count = Math.min(buffer.remaining(), body.remaining());
        if (count > 0) {
            int limit = buffer.limit();
            buffer.limit(buffer.position() + count);
            body.put(buffer);
            buffer.limit(limit);
        }
    }

    /**
     * Reads until at least {@code minimum} bytes are unread; reading ahead, it asks for as much as
     * fits, otherwise for no more than {@code frameBytes}, the current frame's size. Returns false
     * only when {@code endOk} and the stream ended before the frame's first byte.
     */
    private boolean fill(int minimum, long frameBytes, boolean endOk) throws IOException {
        while (buffer.remaining() < minimum) {
            int unread = buffer.remaining();
            if (!refill(frameBytes - unread)) {
                if (endOk && unread == 0) {
                    return false;
                }
                throw truncated(unread, (int) Math.min(frameBytes, FrameFormat.HEADER_BYTES), 0);
            }
        }
        return true;
    }

    /**
     * Reads once more into the buffer, keeping its unread bytes; asks for at most {@code wanted}
     * unless reading ahead. Returns false at the end of the stream.
     */
    private boolean refill(long wanted) throws IOException {
        buffer.compact();
        if (!readAhead) {
            buffer.limit((int) Math.min(buffer.capacity(), buffer.position() + wanted));
        }
        int read;
        try {
            read = channel.read(buffer);
        } finally {
            buffer.flip();
        }
        return read >= 0;
    }

    private static EOFException truncated(int got, int expected, int before) {
        return new EOFException("connection closed in the middle of a frame (" + got + " of " + expected + " bytes read"
                + (before == 0 ? "" : " after " + before + " bytes") + ")");
    }
}
