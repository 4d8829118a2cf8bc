package dev.isolate4j.internal.framing;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads frames from a blocking channel. Not thread-safe: a connection has exactly one reader.
 *
 * <p>The length is checked against {@code maxFrameBytes} before anything is allocated, so a hostile
 * or broken peer cannot make this side allocate more than one maximum frame.
 */
public final class FrameReader {
    private final ReadableByteChannel channel;
    private final int maxFrameBytes;
    private final ByteBuffer header = ByteBuffer.allocate(FrameFormat.HEADER_BYTES);

    public FrameReader(ReadableByteChannel channel, int maxFrameBytes) {
        if (maxFrameBytes < FrameFormat.HEADER_REST_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be at least " + FrameFormat.HEADER_REST_BYTES + ", was " + maxFrameBytes);
        }
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
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
        if (!readFully(header, true)) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        if (length < FrameFormat.HEADER_REST_BYTES || length > maxFrameBytes) {
            throw new FrameException("frame length " + length + " is outside the accepted range "
                    + FrameFormat.HEADER_REST_BYTES + ".." + maxFrameBytes);
        }
        byte code = header.get();
        FrameType type = FrameType.ofCode(code);
        if (type == null) {
            throw new FrameException("unknown frame type " + (code & 0xFF));
        }
        long callId = header.getLong();
        ByteBuffer body = ByteBuffer.allocate(length - FrameFormat.HEADER_REST_BYTES);
        readFully(body, false);
        body.flip();
        return new Frame(type, callId, body);
    }

    /** Returns false only when {@code endOk} and the stream ended before the first byte. */
    private boolean readFully(ByteBuffer buffer, boolean endOk) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endOk && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of a frame (" + buffer.position() + " of "
                        + buffer.limit() + " bytes read)");
            }
        }
        return true;
    }
}
