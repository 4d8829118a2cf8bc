package dev.isolate4j.benchmarks.harness;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * The baselines' wire protocol, over any blocking {@link ByteChannel} (the JDK's Unix domain
 * socket channels and jnr-unixsocket's alike).
 *
 * <pre>
 * request:  int32 length, int32 replyLength, length bytes
 * reply:    int32 replyLength, replyLength bytes (the first bytes of the request's body)
 * </pre>
 *
 * A ping-pong of 64-byte messages is {@code length = replyLength = 64}; an echo of 64 MiB is
 * {@code length = replyLength = 64 MiB}; "800,000 bytes there, 8 back" is a call with a large
 * argument and a small result.
 */
final class Wire {
    static final int REQUEST_HEADER = 8;
    static final int REPLY_HEADER = 4;

    private Wire() {}

    /** Returns false when the stream ended before the first byte. */
    static boolean readFully(ByteChannel channel, ByteBuffer buffer) throws IOException {
        boolean started = false;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (!started && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("stream ended in the middle of a message");
            }
            started = true;
        }
        return true;
    }

    static void writeFully(ByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Serves one connection until the peer closes it. Heap buffers, as isolate4j uses. */
    static void serve(ByteChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(REQUEST_HEADER);
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (true) {
            header.clear();
            if (!readFully(channel, header)) {
                return;
            }
            int length = header.getInt(0);
            int replyLength = header.getInt(4);
            int needed = REPLY_HEADER + Math.max(length, replyLength);
            if (buffer.capacity() < needed) {
                buffer = ByteBuffer.allocate(needed);
            }
            buffer.clear().position(REPLY_HEADER).limit(REPLY_HEADER + length);
            if (!readFully(channel, buffer)) {
                throw new EOFException("stream ended before a message's body");
            }
            buffer.putInt(0, replyLength);
            buffer.position(0).limit(REPLY_HEADER + replyLength);
            writeFully(channel, buffer);
        }
    }

    /** The client side: one reusable request and reply buffer. */
    static final class Client {
        private final ByteChannel channel;
        private ByteBuffer request = ByteBuffer.allocate(REQUEST_HEADER + 64);
        private ByteBuffer reply = ByteBuffer.allocate(REPLY_HEADER + 64);

        Client(ByteChannel channel) {
            this.channel = channel;
        }

        /** Sends {@code length} bytes, reads {@code replyLength} back. */
        void call(int length, int replyLength) throws IOException {
            send(length, replyLength);
            receive(replyLength);
        }

        void send(int length, int replyLength) throws IOException {
            if (request.capacity() < REQUEST_HEADER + length) {
                request = ByteBuffer.allocate(REQUEST_HEADER + length);
            }
            request.clear().limit(REQUEST_HEADER + length);
            request.putInt(0, length).putInt(4, replyLength);
            writeFully(channel, request);
        }

        void receive(int replyLength) throws IOException {
            if (reply.capacity() < REPLY_HEADER + replyLength) {
                reply = ByteBuffer.allocate(REPLY_HEADER + replyLength);
            }
            reply.clear().limit(REPLY_HEADER + replyLength);
            if (!readFully(channel, reply)) {
                throw new EOFException("server closed the connection");
            }
            if (reply.getInt(0) != replyLength) {
                throw new IOException("reply of " + reply.getInt(0) + " bytes, expected " + replyLength);
            }
        }

        void close() throws IOException {
            channel.close();
        }
    }
}
