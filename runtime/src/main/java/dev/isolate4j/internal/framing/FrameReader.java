package dev.isolate4j.internal.framing;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a blocking channel. Not thread-safe: a connection has exactly one reader.
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
 * Every failure is a {@link FrameException} (malformed) or an {@link EOFException} (truncated),
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

    private final ReadableByteChannel channel;
    private final int maxFrameBytes;
    private final int eagerBodyBytes;
    private final ByteBuffer header = ByteBuffer.allocate(FrameFormat.HEADER_BYTES);

    /**
     * Reads frames from {@code channel}.
     *
     * @param channel the connection
     * @param maxFrameBytes the largest frame accepted; larger ones fail before anything is allocated
     */
    public FrameReader(ReadableByteChannel channel, int maxFrameBytes) {
        this(channel, maxFrameBytes, EAGER_BODY_BYTES);
    }

    /** For tests: a smaller {@code eagerBodyBytes} exercises the growing of bodies cheaply. */
    FrameReader(ReadableByteChannel channel, int maxFrameBytes, int eagerBodyBytes) {
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
    }

    /**
     * Reads the next frame, blocking until it is complete.
     *
     * @return the frame, or {@code null} when the peer closed the connection between frames
     * @throws EOFException when the peer closed the connection in the middle of a frame
     * @throws FrameException when the bytes are not a valid frame
     */
    public Frame read() throws IOException {
        header.clear();
        // The whole header is asked for in one read (no extra system call per frame), but the
        // length is checked as soon as its own bytes are in: a bad one fails without waiting.
        if (!readAtLeast(header, FrameFormat.LENGTH_BYTES, true, 0)) {
            return null;
        }
        int length = header.getInt(0);
        if (length < FrameFormat.HEADER_REST_BYTES || length > maxFrameBytes) {
            throw new FrameException("frame length " + length + " is outside the accepted range "
                    + FrameFormat.HEADER_REST_BYTES + ".." + maxFrameBytes);
        }
        readFully(header, 0);
        byte code = header.get(FrameFormat.LENGTH_BYTES);
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw new FrameException("unknown frame type " + (code & 0xFF));
        }
        long callId = header.getLong(FrameFormat.LENGTH_BYTES + 1);
        ByteBuffer body = readBody(length - FrameFormat.HEADER_REST_BYTES);
        return new Frame(type, callId, body);
    }

    private ByteBuffer readBody(int size) throws IOException {
        int before = FrameFormat.HEADER_BYTES;
        if (size <= eagerBodyBytes) {
            ByteBuffer body = ByteBuffer.allocate(size);
            readFully(body, before);
            return body.flip();
        }
        ByteBuffer body = ByteBuffer.allocate(eagerBodyBytes);
        while (true) {
            readFully(body, before);
            if (body.capacity() == size) {
                return body.flip();
            }
            ByteBuffer larger = ByteBuffer.allocate((int) Math.min(size, 2L * body.capacity()));
            larger.put(body.flip());
            body = larger;
        }
    }

    /** Fills {@code buffer}. {@code before}: bytes of the frame read before it, for the message. */
    private void readFully(ByteBuffer buffer, int before) throws IOException {
        readAtLeast(buffer, buffer.limit(), false, before);
    }

    /**
     * Reads into {@code buffer} until its position is at least {@code minimum}; returns false only
     * when {@code endOk} and the stream ended before the first byte.
     */
    private boolean readAtLeast(ByteBuffer buffer, int minimum, boolean endOk, int before) throws IOException {
        while (buffer.position() < minimum) {
            if (channel.read(buffer) < 0) {
                if (endOk && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of a frame (" + buffer.position() + " of "
                        + buffer.limit() + " bytes read" + (before == 0 ? "" : " after " + before + " bytes") + ")");
            }
        }
        return true;
    }
}
