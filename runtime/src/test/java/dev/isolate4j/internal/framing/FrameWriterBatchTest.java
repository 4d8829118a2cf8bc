package dev.isolate4j.internal.framing;

import static com.google.common.truth.Truth.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Frames written as one batch read back one by one, whole and in order, whatever their sizes. */
class FrameWriterBatchTest {
    @Test
    void aBatchReadsBackFrameByFrame() throws Exception {
        Pipe pipe = Pipe.open();
        FrameReader reader = new FrameReader(pipe.source(), 4 << 20);
        byte[] segment = new byte[200_000]; // larger than the write buffer
        segment[segment.length - 1] = 7;
        List<OutgoingFrame> batch = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // small frames that fill the buffer many times over
            batch.add(new OutgoingFrame(FrameType.STREAM_ITEM, i, null, ByteBuffer.wrap(new byte[] {(byte) i})));
        }
        batch.add(new OutgoingFrame(FrameType.STREAM_ITEM, 5_000, segment, ByteBuffer.wrap(new byte[] {1, 2})));
        batch.add(new OutgoingFrame(FrameType.STREAM_COMPLETE, 5_000, null, ByteBuffer.allocate(0)));

        CompletableFuture<List<Frame>> read = CompletableFuture.supplyAsync(() -> {
            List<Frame> frames = new ArrayList<>();
            try {
                for (int i = 0; i < 5_002; i++) {
                    frames.add(reader.read());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return frames;
        });
        new FrameWriter(pipe.sink()).writeAll(batch);
        List<Frame> frames = read.get(30, TimeUnit.SECONDS);

        for (int i = 0; i < 5_000; i++) {
            assertThat(frames.get(i).callId()).isEqualTo(i);
            assertThat(frames.get(i).body().get(0)).isEqualTo((byte) i);
        }
        Frame large = frames.get(5_000);
        assertThat(large.segment()).isEqualTo(segment);
        assertThat(large.body().remaining()).isEqualTo(2);
        assertThat(frames.get(5_001).type()).isEqualTo(FrameType.STREAM_COMPLETE);
    }
}
