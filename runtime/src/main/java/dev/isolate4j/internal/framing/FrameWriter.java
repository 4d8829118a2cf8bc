package dev.isolate4j.internal.framing;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
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

    private final GatheringByteChannel channel;
    private final ReentrantLock lock = new ReentrantLock();
    /** The buffer of small frames. */
    private final ByteBuffer small = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    /** Guarded by {@code lock}: the buffer of the frame being written. */
    private ByteBuffer buffer = small;
    /** Guarded by {@code lock}: the last large buffer, reused until a collection frees it. */
    private WeakReference<ByteBuffer> spare;

    /**
     * Writes frames to {@code channel}.
     *
     * @param channel the connection
     */
    public FrameWriter(GatheringByteChannel channel) {
        this.channel = channel;
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
        long bodyBytes = 0;
        for (ByteBuffer part : bodyParts) {
            bodyBytes += part.remaining();
        }
        if (segment != null) {
            bodyBytes += FrameFormat.SEGMENT_LENGTH_BYTES + segment.length;
        }
        long length = FrameFormat.HEADER_REST_BYTES + bodyBytes;
        if (length > Integer.MAX_VALUE) {
            throw new FrameException("frame body of " + bodyBytes + " bytes exceeds the frame format's limit");
        }
        lock.lock();
        try {
            buffer = length >= LARGE_WRITE_BYTES ? large() : small;
            buffer.clear();
            if (segment == null) {
                buffer.putInt((int) length).put(type.code()).putLong(callId);
            } else {
                byte code = (byte) (type.code() | FrameFormat.SEGMENT_FLAG);
                buffer.putInt((int) length).put(code).putLong(callId).putInt(segment.length);
            }
            for (ByteBuffer part : bodyParts) {
                copy(part.duplicate());
            }
            if (segment != null) {
                copy(ByteBuffer.wrap(segment));
            }
            flush();
        } finally {
            buffer = small;
            lock.unlock();
        }
    }

    private ByteBuffer large() {
        ByteBuffer large = spare == null ? null : spare.get();
        if (large == null) {
            large = ByteBuffer.allocateDirect(LARGE_WRITE_BYTES);
            spare = new WeakReference<>(large);
        }
        return large;
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

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}
