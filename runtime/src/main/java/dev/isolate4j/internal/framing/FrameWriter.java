package dev.isolate4j.internal.framing;

import dev.isolate4j.internal.SpareBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a blocking channel. Thread-safe: callers write from their own thread (no writer
 * thread, so no hand-off on the call path), one frame at a time under a lock so that frames never
 * interleave.
 *
 * <p>Frames go out through one direct buffer of {@link #WRITE_BUFFER_BYTES}: a small frame, header
 * and body, in one system call; a large one in chunks. Written from heap buffers, the JDK would copy
 * each frame whole into a temporary direct buffer kept per thread: a 64 MiB buffer pinned to every
 * thread that once sent a 64 MiB argument. A frame of {@link #LARGE_WRITE_BYTES} or more goes out
 * through a buffer of that size: fewer, larger writes wake the peer less often. The writer holds that
 * buffer only weakly between frames: large frames that follow soon reuse it, and a collection (an
 * idle child runs one every few seconds) frees it.
 */
public final class FrameWriter {
    /** The largest chunk written at once; about what a Unix socket buffers. */
    static final int WRITE_BUFFER_BYTES = 128 << 10;

    /** The chunk written at once after a frame this large (see {@code FrameReader.LARGE_READ_BYTES}). */
    static final int LARGE_WRITE_BYTES = 1 << 20;

    /** The most a frame's header takes: the header, a segment's length and a placed segment's ticket. */
    private static final int MAX_HEADER_BYTES =
            FrameFormat.HEADER_BYTES + FrameFormat.SEGMENT_LENGTH_BYTES + FrameFormat.TICKET_BYTES;

    private final GatheringByteChannel channel;
    /** Offered each large segment, under {@code lock}. */
    private final SegmentOutbox outbox;

    private final ReentrantLock lock = new ReentrantLock();
    /** The buffer of small frames. */
    private final ByteBuffer small = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    /** Guarded by {@code lock}: the buffer of the frame being written. */
    private ByteBuffer buffer = small;
    /** Guarded by {@code lock}: the large buffer, reused until a collection frees it. */
    private final SpareBuffer large = new SpareBuffer(LARGE_WRITE_BYTES);
    /**
     * Written under {@code lock}: bytes of corked frames wait in {@link #small}, between 0 and its
     * position, for the next write or {@link #flushCorked()}. Volatile for {@link #hasCorked()}.
     */
    private volatile boolean corked;

    /**
     * Writes frames to {@code channel}.
     *
     * @param channel the connection
     */
    public FrameWriter(GatheringByteChannel channel) {
        this(channel, SegmentOutbox.NONE);
    }

    /**
     * Writes frames to {@code channel}, and offers their segments of {@link SegmentOutbox#MIN_BYTES}
     * or more to {@code outbox}, to cross outside the socket.
     *
     * @param channel the connection
     * @param outbox where large segments may be placed
     */
    public FrameWriter(GatheringByteChannel channel, SegmentOutbox outbox) {
        this.channel = channel;
        this.outbox = outbox;
    }

    /**
     * Writes one frame whose body is the concatenation of {@code bodyParts}.
     *
     * @param type the frame's type
     * @param callId the call the frame belongs to, 0 for frames outside a call
     * @param bodyParts the body, in parts; their positions are left as they were
     * @throws IOException when the channel fails
     */
    public void write(FrameType type, long callId, ByteBuffer... bodyParts) throws IOException {
        write(type, callId, null, bodyParts);
    }

    /**
     * Writes one frame whose body is the concatenation of {@code bodyParts}, ending with {@code
     * segment} when it is not null (see {@link FrameFormat}).
     *
     * @param type the frame's type
     * @param callId the call the frame belongs to, 0 for frames outside a call
     * @param segment the array the frame ends with, or {@code null}
     * @param bodyParts the body, in parts; their positions are left as they were
     * @throws IOException when the channel fails
     */
    public void write(FrameType type, long callId, byte[] segment, ByteBuffer... bodyParts) throws IOException {
        OutgoingFrame frame = new OutgoingFrame(type, callId, segment, bodyParts);
        long inlineLength = checkedLength(frame);
        lock.lock();
        try {
            long ticket = place(frame);
            long length = lengthOf(frame, inlineLength, ticket);
            startWrite(length);
            put(frame, length, ticket);
            flush();
        } finally {
            buffer = small;
            lock.unlock();
        }
    }

    /**
     * Puts one small frame into the buffer and leaves it there, to go out with the next frame
     * written or at {@link #flushCorked()}: the replies to a burst of calls read together go out in
     * one system call, not one each. The caller must make sure one of those follows; a frame too
     * large for what the buffer has left is written at once, with what waited.
     *
     * @param type the frame's type
     * @param callId the call the frame belongs to
     * @param segment the array the frame ends with, or {@code null}
     * @param bodyParts the body, in parts; their positions are left as they were
     * @throws IOException when the channel fails
     */
    public void writeCorked(FrameType type, long callId, byte[] segment, ByteBuffer... bodyParts) throws IOException {
        OutgoingFrame frame = new OutgoingFrame(type, callId, segment, bodyParts);
        long inlineLength = checkedLength(frame);
        lock.lock();
        try {
            long ticket = place(frame);
            long length = lengthOf(frame, inlineLength, ticket);
            boolean fits = FrameFormat.LENGTH_BYTES + length + FrameFormat.SEGMENT_LENGTH_BYTES
                    <= (corked ? small.remaining() : small.capacity());
            startWrite(length);
            put(frame, length, ticket);
            if (fits) {
                corked = true;
            } else {
                flush();
            }
        } finally {
            buffer = small;
            lock.unlock();
        }
    }

    /**
     * Whether frames are corked, waiting to be written; without taking the lock. A thread that corks
     * on a reading thread it has lost flushes them itself, so a reading thread that reads false here
     * has nothing of its own to send.
     *
     * @return true when they are
     */
    public boolean hasCorked() {
        return corked;
    }

    /**
     * Writes the corked frames, if any, unless another thread writes now: for the reading thread,
     * which must never wait for the lock. A writer that holds it may be waiting for the peer to make
     * room, and the peer's reading thread for this side to read; a reader that waited for the lock
     * would stop reading, and with both sides so, the connection would hang. The lock's holder sends
     * the corked frames itself: every write sends them first, and a thread that corks its reply on
     * a reading thread it has lost flushes it when it is done ({@code ReadingRole}).
     *
     * @throws IOException when the channel fails
     */
    public void flushCorkedUnlessBusy() throws IOException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            sendCorked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the corked frames, if any.
     *
     * @throws IOException when the channel fails
     */
    public void flushCorked() throws IOException {
        lock.lock();
        try {
            sendCorked();
        } finally {
            lock.unlock();
        }
    }

    /** Under {@code lock}: writes the corked frames, if any. */
    private void sendCorked() throws IOException {
        if (corked) {
            buffer = small;
            flush();
        }
    }

    /**
     * Chooses the buffer for a frame of {@code length}: the small one, after the corked frames, or a
     * large one, once the corked frames are out (they go first: frames keep their order).
     */
    private void startWrite(long length) throws IOException {
        if (length >= LARGE_WRITE_BYTES) {
            sendCorked();
            buffer = large.take();
        } else {
            buffer = small;
            if (!corked) {
                buffer.clear();
            } else if (buffer.remaining() < MAX_HEADER_BYTES) {
                flush();
            }
        }
    }

    /**
     * Writes {@code frames} one after the other, in as few system calls as the buffer allows: a
     * stream's items produced in a burst cost one write, not one each.
     *
     * @param frames the frames, in order
     * @throws IOException when the channel fails
     */
    public void writeAll(List<OutgoingFrame> frames) throws IOException {
        long[] lengths = new long[frames.size()];
        long largest = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = checkedLength(frames.get(i));
            largest = Math.max(largest, lengths[i]);
        }
        lock.lock();
        try {
            startWrite(largest);
            for (int i = 0; i < lengths.length; i++) {
                if (buffer.remaining() < MAX_HEADER_BYTES) {
                    flush();
                }
                OutgoingFrame frame = frames.get(i);
                long ticket = place(frame);
                put(frame, lengthOf(frame, lengths[i], ticket), ticket);
            }
            flush();
        } finally {
            buffer = small;
            lock.unlock();
        }
    }

    private static long checkedLength(OutgoingFrame frame) throws FrameException {
        long length = frame.length();
        if (length > Integer.MAX_VALUE) {
            throw new FrameException("frame body of " + (length - FrameFormat.HEADER_REST_BYTES)
                    + " bytes exceeds the frame format's limit");
        }
        return length;
    }

    /** Under {@code lock}: offers the frame's segment, if it is large, to the outbox; its ticket, or {@code NOT_PLACED}. */
    private long place(OutgoingFrame frame) {
        byte[] segment = frame.segment();
        return segment == null || segment.length < SegmentOutbox.MIN_BYTES
                ? SegmentOutbox.NOT_PLACED
                : outbox.place(segment);
    }

    private static long lengthOf(OutgoingFrame frame, long inlineLength, long ticket) {
        return ticket == SegmentOutbox.NOT_PLACED ? inlineLength : frame.placedLength();
    }

    /**
     * Puts one frame into the buffer, flushing as it fills; the header fits in what is left. A
     * placed segment is named by its ticket, the others follow the body.
     */
    private void put(OutgoingFrame frame, long length, long ticket) throws IOException {
        byte[] segment = frame.segment();
        boolean placed = ticket != SegmentOutbox.NOT_PLACED;
        if (segment == null) {
            buffer.putInt((int) length).put(frame.type().code()).putLong(frame.callId());
        } else if (placed) {
            byte code = (byte) (frame.type().code() | FrameFormat.SEGMENT_FLAG | FrameFormat.PLACED_FLAG);
            buffer.putInt((int) length)
                    .put(code)
                    .putLong(frame.callId())
                    .putInt(segment.length)
                    .putLong(ticket);
        } else {
            byte code = (byte) (frame.type().code() | FrameFormat.SEGMENT_FLAG);
            buffer.putInt((int) length).put(code).putLong(frame.callId()).putInt(segment.length);
        }
        for (ByteBuffer part : frame.bodyParts()) {
            copy(part.duplicate());
        }
        if (segment != null && !placed) {
            copy(ByteBuffer.wrap(segment));
        }
    }

    private void copy(ByteBuffer part) throws IOException {
        while (part.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int count = Math.min(buffer.remaining(), part.remaining());
            buffer.put(part.slice(part.position(), count));
            part.position(part.position() + count);
        }
    }

    /**
     * Writes the buffer. Frames are written on the callers' own threads, any of which may be
     * interrupted at any moment: a connection writes through an {@code UninterruptibleChannel}, which
     * no interrupt can close (on a blocking channel, one would end the connection for every caller).
     */
    private void flush() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            buffer.clear();
            if (buffer == small) {
                corked = false;
            }
        }
    }
}
