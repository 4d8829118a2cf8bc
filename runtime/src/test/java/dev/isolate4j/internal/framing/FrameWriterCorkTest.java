package dev.isolate4j.internal.framing;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Corked frames wait in the buffer, go out with the next frame or a flush, and keep their order. */
class FrameWriterCorkTest {
    /** What reached the channel, and in how many writes. */
    private static final class Recording implements GatheringByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final WritableByteChannel sink = Channels.newChannel(bytes);
        int writes;

        @Override
        public int write(ByteBuffer src) throws IOException {
            writes++;
            return sink.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(srcs[i]);
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}

        List<Frame> frames() throws Exception {
            FrameReader reader = new FrameReader(
                    Channels.newChannel(new java.io.ByteArrayInputStream(bytes.toByteArray())), 4 << 20);
            List<Frame> frames = new ArrayList<>();
            Frame frame;
            while ((frame = reader.read()) != null) {
                frames.add(frame);
            }
            return frames;
        }
    }

    @Test
    void corkedFramesGoOutTogetherAtTheFlush() throws Exception {
        Recording channel = new Recording();
        FrameWriter writer = new FrameWriter(channel);

        for (int i = 1; i <= 64; i++) {
            writer.writeCorked(FrameType.RESULT, i, null, ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertThat(channel.writes).isEqualTo(0);
        writer.flushCorkedUnlessBusy();
        writer.flushCorkedUnlessBusy(); // nothing left: no write

        assertThat(channel.writes).isEqualTo(1);
        List<Frame> frames = channel.frames();
        assertThat(frames).hasSize(64);
        for (int i = 0; i < 64; i++) {
            assertThat(frames.get(i).callId()).isEqualTo(i + 1);
            assertThat(frames.get(i).body().get(0)).isEqualTo((byte) (i + 1));
        }
    }

    @Test
    void theNextFrameTakesTheCorkedOnesAlongInOrder() throws Exception {
        Recording channel = new Recording();
        FrameWriter writer = new FrameWriter(channel);
        byte[] large = new byte[FrameWriter.LARGE_WRITE_BYTES + 10];
        large[large.length - 1] = 9;

        writer.writeCorked(FrameType.RESULT, 1, null, ByteBuffer.wrap(new byte[] {1}));
        writer.write(FrameType.CALL, 2, ByteBuffer.wrap(new byte[] {2}));
        writer.writeCorked(FrameType.RESULT, 3, null, ByteBuffer.wrap(new byte[] {3}));
        writer.write(FrameType.RESULT, 4, large, ByteBuffer.allocate(0)); // a large buffer of its own
        writer.writeCorked(FrameType.RESULT, 5, large, ByteBuffer.allocate(0)); // too large to wait

        List<Frame> frames = channel.frames();
        assertThat(frames.stream().map(Frame::callId).toList())
                .containsExactly(1L, 2L, 3L, 4L, 5L)
                .inOrder();
        assertThat(frames.get(3).segment()).isEqualTo(large);
        assertThat(frames.get(4).segment()).isEqualTo(large);
    }

    /**
     * The reading thread flushes the corked replies before it waits for the channel, and must not
     * wait for a writer that waits for the peer to read: here the writer waits on a pipe nobody reads.
     */
    @Test
    void aFlushUnlessBusyDoesNotWaitForAWriterThatWaitsForThePeer() throws Exception {
        Pipe pipe = Pipe.open();
        FrameWriter writer = new FrameWriter(pipe.sink());
        Thread blocked = new Thread(() -> {
            try {
                writer.write(FrameType.CALL, 1, ByteBuffer.allocate(8 << 20));
            } catch (IOException e) {
                // the pipe closed at the end of the test
            }
        });
        blocked.setDaemon(true);
        blocked.start();
        while (!writerHoldsLock(blocked)) {
            Thread.sleep(10);
        }
        try {
            CompletableFuture<Void> flush = CompletableFuture.runAsync(() -> {
                try {
                    writer.flushCorkedUnlessBusy();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            flush.get(5, TimeUnit.SECONDS);
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    /** Whether {@code thread} is inside a write, past the lock (blocked in the pipe's write). */
    private static boolean writerHoldsLock(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("flush") && frame.getClassName().equals(FrameWriter.class.getName())) {
                return true;
            }
        }
        return false;
    }
}
