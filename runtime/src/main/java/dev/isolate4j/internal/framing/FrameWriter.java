package dev.isolate4j.internal.framing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a blocking channel. Thread-safe: callers write from their own thread (no writer
 * thread, so no hand-off on the call path), one frame at a time under a lock so that frames never
 * interleave.
 */
public final class FrameWriter {
    private final GatheringByteChannel channel;
    private final ReentrantLock lock = new ReentrantLock();

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
     * @param bodyParts the body, in parts
     * @throws IOException when the channel fails
     */
    public void write(FrameType type, long callId, ByteBuffer... bodyParts) throws IOException {
        long bodyBytes = 0;
        for (ByteBuffer part : bodyParts) {
            bodyBytes += part.remaining();
        }
        long length = FrameFormat.HEADER_REST_BYTES + bodyBytes;
        if (length > Integer.MAX_VALUE) {
            throw new FrameException("frame body of " + bodyBytes + " bytes exceeds the frame format's limit");
        }
        ByteBuffer header = ByteBuffer.allocate(FrameFormat.HEADER_BYTES);
        header.putInt((int) length).put(type.code()).putLong(callId).flip();
        ByteBuffer[] buffers = new ByteBuffer[bodyParts.length + 1];
        buffers[0] = header;
        System.arraycopy(bodyParts, 0, buffers, 1, bodyParts.length);
        lock.lock();
        try {
            long total = FrameFormat.LENGTH_BYTES + length;
            long written = 0;
            while (written < total) {
                written += channel.write(buffers);
            }
        } finally {
            lock.unlock();
        }
    }
}
