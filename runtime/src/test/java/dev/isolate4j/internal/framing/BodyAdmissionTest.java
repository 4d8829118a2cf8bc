package dev.isolate4j.internal.framing;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BodyAdmissionTest {
    private static final int MAX_FRAME = 64 << 20;

    /** What the reader asked the admission, and what it answered. */
    private final List<String> asked = new ArrayList<>();

    @Test
    void aRefusedBodyIsSkippedAndTheNextFrameArrivesIntact() throws Exception {
        Pipe pipe = Pipe.open();
        FrameReader reader = new FrameReader(pipe.source(), MAX_FRAME, refusingAbove(4 << 20));
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                FrameWriter writer = new FrameWriter(pipe.sink());
                writer.write(FrameType.CALL, 7, ByteBuffer.wrap(new byte[3 << 20]));
                writer.write(FrameType.RESULT, 8, utf8("after"));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        Frame refused = reader.read();
        Frame next = reader.read();
        written.join();

        assertThat(refused.type()).isEqualTo(FrameType.CALL);
        assertThat(refused.callId()).isEqualTo(7);
        assertThat(refused.refusal()).isEqualTo("no room for 6291456 bytes");
        assertThat(refused.body().remaining()).isEqualTo(0);
        assertThat(next.refusal()).isNull();
        assertThat(next.callId()).isEqualTo(8);
        assertThat(StandardCharsets.UTF_8.decode(next.body()).toString()).isEqualTo("after");
    }

    @Test
    void aSegmentCountsOnceAndThePayloadTwice() throws Exception {
        Pipe pipe = Pipe.open();
        FrameReader reader = new FrameReader(pipe.source(), MAX_FRAME, refusingAbove(Long.MAX_VALUE));
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                new FrameWriter(pipe.sink()).write(FrameType.RESULT, 1, new byte[2 << 20], utf8("payload"));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        Frame frame = reader.read();
        written.join();

        assertThat(frame.refusal()).isNull();
        assertThat(frame.segment()).hasLength(2 << 20);
        assertThat(asked).containsExactly("RESULT " + ((2 << 20) + 2 * 7));
    }

    @Test
    void smallBodiesAreNeverAsked() throws Exception {
        Pipe pipe = Pipe.open();
        FrameReader reader = new FrameReader(pipe.source(), MAX_FRAME, refusingAbove(0));
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                new FrameWriter(pipe.sink()).write(FrameType.CALL, 1, ByteBuffer.wrap(new byte[100_000]));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });

        Frame frame = reader.read();
        written.join();

        assertThat(frame.refusal()).isNull();
        assertThat(frame.body().remaining()).isEqualTo(100_000);
        assertThat(asked).isEmpty();
    }

    @Test
    void heapRoomRefusesWhatCannotFitAndNamesTheSizes() {
        HeapRoom room = new HeapRoom("extension 'big'", "raise its maxHeap");
        long tooMuch = Runtime.getRuntime().maxMemory() + (1L << 30);

        String refusal = room.refusal(FrameType.CALL, tooMuch / 2, tooMuch);

        assertThat(refusal).startsWith("it takes ");
        assertThat(refusal).contains("of heap to read, and extension 'big' has ");
        assertThat(refusal).endsWith("raise its maxHeap");
        assertThat(room.refusal(FrameType.CALL, 1 << 20, 2 << 20)).isNull();
    }

    @Test
    void aHeapFullOfGarbageAdmitsABodyThatFitsBesideWhatTheLastCollectionLeftWithoutCollecting() {
        // 512 MiB heap, 460 MiB in use (earlier calls' dead arrays), 5 MiB live after the last collection.
        FixedHeap heap = new FixedHeap(512, 460, 5);
        HeapRoom room = new HeapRoom("extension 'big'", "raise its maxHeap", heap);

        assertThat(room.refusal(FrameType.CALL, 64L << 20, 128L << 20)).isNull();
        assertThat(heap.collections).isEqualTo(0);
    }

    @Test
    void aBodyThatWouldNotFitBesideTheLiveHeapStillGetsAFullCollectionBeforeItsAnswer() {
        // 400 MiB live after the last collection: only a full collection can tell whether it still is.
        FixedHeap heap = new FixedHeap(512, 460, 400);
        heap.usedAfterCollect = 10;
        HeapRoom room = new HeapRoom("extension 'big'", "raise its maxHeap", heap);

        assertThat(room.refusal(FrameType.CALL, 64L << 20, 128L << 20)).isNull();
        assertThat(heap.collections).isEqualTo(1);

        heap.used = 460;
        heap.usedAfterCollect = 450; // it was live
        String refusal = room.refusal(FrameType.CALL, 64L << 20, 128L << 20);
        assertThat(heap.collections).isEqualTo(2);
        assertThat(refusal)
                .isEqualTo("it takes 64 MiB on the wire and about 128 MiB of heap to read, and extension"
                        + " 'big' has 62 MiB free of its 512 MiB heap; raise its maxHeap");
    }

    @Test
    void anEighthOfTheHeapIsKeptForWhatBecameLiveSinceTheLastCollection() {
        // 512 - 300 live = 212 MiB; less the 64 MiB kept, 148: a body of 160 MiB needs the collection.
        FixedHeap heap = new FixedHeap(512, 480, 300);
        heap.usedAfterCollect = 300;
        HeapRoom room = new HeapRoom("extension 'big'", "raise its maxHeap", heap);

        assertThat(room.refusal(FrameType.CALL, 64L << 20, 148L << 20)).isNull();
        assertThat(heap.collections).isEqualTo(0);
        assertThat(room.refusal(FrameType.CALL, 80L << 20, 160L << 20)).isNull();
        assertThat(heap.collections).isEqualTo(1);
    }

    @Test
    void withoutFiguresFromTheLastCollectionTheFullCollectionDecides() {
        FixedHeap heap = new FixedHeap(512, 460, HeapAfterCollection.UNKNOWN);
        heap.usedAfterCollect = 10;
        HeapRoom room = new HeapRoom("extension 'big'", "raise its maxHeap", heap);

        assertThat(room.refusal(FrameType.CALL, 64L << 20, 128L << 20)).isNull();
        assertThat(heap.collections).isEqualTo(1);
    }

    @Test
    void thisJvmReportsTheHeapItsLatestCollectionLeft() {
        byte[][] garbage = new byte[8][];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = new byte[4 << 20];
        }
        long holding = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        garbage = null;
        System.gc();

        long after = HeapAfterCollection.usedBytes();

        assertThat(garbage).isNull();
        assertThat(after).isAtLeast(0L);
        assertThat(after).isLessThan(holding - (16L << 20));
    }

    /** A heap in MiB whose figures each test sets; {@code collect()} counts and applies its outcome. */
    private static final class FixedHeap implements HeapRoom.Heap {
        private final long max;
        long used;
        private final long usedAfterLast;
        long usedAfterCollect = -1;
        int collections;

        FixedHeap(long max, long used, long usedAfterLast) {
            this.max = max;
            this.used = used;
            this.usedAfterLast = usedAfterLast;
        }

        @Override
        public long max() {
            return max << 20;
        }

        @Override
        public long used() {
            return used << 20;
        }

        @Override
        public long usedAfterLastCollection() {
            return usedAfterLast < 0 ? usedAfterLast : usedAfterLast << 20;
        }

        @Override
        public void collect() {
            collections++;
            if (usedAfterCollect >= 0) {
                used = usedAfterCollect;
            }
        }
    }

    private BodyAdmission refusingAbove(long limit) {
        return (type, wireBytes, heapBytes) -> {
            asked.add(type + " " + heapBytes);
            return heapBytes > limit ? "no room for " + heapBytes + " bytes" : null;
        };
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
