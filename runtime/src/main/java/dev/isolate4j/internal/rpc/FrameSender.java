package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.framing.FrameFormat;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.framing.OutgoingFrame;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's way out: frame sizes checked against {@code maxFrameBytes} before anything is
 * written (a peer would close the connection over a larger one), and replies that never throw, since
 * a peer that is gone needs none.
 */
final class FrameSender {
    private final String connectionName;
    private final FrameWriter writer;
    private final int maxFrameBytes;

    FrameSender(String connectionName, FrameWriter writer, int maxFrameBytes) {
        this.connectionName = connectionName;
        this.writer = writer;
        this.maxFrameBytes = maxFrameBytes;
    }

    void write(FrameType type, long callId, ByteBuffer... body) throws IOException {
        writer.write(type, callId, body);
    }

    void writeQuietly(FrameType type, long callId, ByteBuffer... body) {
        try {
            writer.write(type, callId, body);
        } catch (IOException e) {
            log().debug("{}: cannot send {} for call {}: connection closed", connectionName, type, callId, e);
        }
    }

    /** Writes {@code frames} in order, in as few system calls as fit; never throws. */
    void writeAllQuietly(List<OutgoingFrame> frames) {
        try {
            writer.writeAll(frames);
        } catch (IOException e) {
            log().debug("{}: cannot send {} frames: connection closed", connectionName, frames.size(), e);
        }
    }

    /** Why a frame with {@code bodyBytes} cannot be sent, or {@code null} when it can. */
    String tooLarge(long bodyBytes) {
        long frameBytes = FrameFormat.HEADER_REST_BYTES + bodyBytes;
        if (frameBytes <= maxFrameBytes) {
            return null;
        }
        return frameBytes + " bytes in one frame exceed maxFrameBytes (" + maxFrameBytes + ")";
    }

    /** Writes a frame whose body is {@code header}, when not null, then {@code payload}. */
    void write(FrameType type, long callId, ByteBuffer header, PayloadSerializer.Payload payload) throws IOException {
        writer.write(type, callId, payload.segment(), parts(header, payload.parts()));
    }

    /** {@link #write(FrameType, long, ByteBuffer, PayloadSerializer.Payload)}, for a reply: never throws. */
    void writeQuietly(FrameType type, long callId, ByteBuffer header, PayloadSerializer.Payload payload) {
        try {
            write(type, callId, header, payload);
        } catch (IOException e) {
            log().debug("{}: cannot send {} for call {}: connection closed", connectionName, type, callId, e);
        }
    }

    /**
     * {@link #writeQuietly(FrameType, long, ByteBuffer, PayloadSerializer.Payload)} for the reply to
     * a call served on the reading thread, inline: corked ({@link FrameWriter#writeCorked}), to go out
     * with the replies to the other calls read in the same burst. The reading thread flushes before
     * it waits for the channel, and a thread that lost the reading while it served flushes when it
     * is done ({@link ReadingRole#runInline}); any other thread's reply goes out at once.
     */
    void writeReplyQuietly(long callId, PayloadSerializer.Payload payload) {
        if (!ReadingRole.runningInline()) {
            writeQuietly(FrameType.RESULT, callId, null, payload);
            return;
        }
        try {
            writer.writeCorked(FrameType.RESULT, callId, payload.segment(), parts(null, payload.parts()));
        } catch (IOException e) {
            log().debug("{}: cannot send RESULT for call {}: connection closed", connectionName, callId, e);
        }
    }

    /** {@return whether replies are corked, waiting to be written (see {@link FrameWriter#hasCorked})} */
    boolean hasCorked() {
        return writer.hasCorked();
    }

    /** Writes the corked replies, if any, unless another thread writes now (see {@link FrameWriter#flushCorkedUnlessBusy}); never throws. */
    void flushCorkedUnlessBusyQuietly() {
        try {
            writer.flushCorkedUnlessBusy();
        } catch (IOException e) {
            log().debug("{}: cannot send the corked replies: connection closed", connectionName, e);
        }
    }

    /** Writes the corked replies, if any; never throws. */
    void flushCorkedQuietly() {
        try {
            writer.flushCorked();
        } catch (IOException e) {
            log().debug("{}: cannot send the corked replies: connection closed", connectionName, e);
        }
    }

    private static ByteBuffer[] parts(ByteBuffer header, List<ByteBuffer> payload) {
        int first = header == null ? 0 : 1;
        ByteBuffer[] parts = new ByteBuffer[first + payload.size()];
        if (header != null) {
            parts[0] = header;
        }
        for (int i = 0; i < payload.size(); i++) {
            parts[first + i] = payload.get(i);
        }
        return parts;
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(FrameSender.class);
    }
}
