package dev.isolate4j.internal.framing;

import dev.isolate4j.internal.jdk.JvmSizes;

/**
 * Admits a large body only when this JVM's heap has room for it, and refuses it with the sizes
 * otherwise. A child runs with {@code -XX:+ExitOnOutOfMemoryError}: an argument that does not fit
 * would end it, and a host's reader that ran out of memory would close the connection. Refusing
 * the body before it is allocated fails that one call and keeps both.
 *
 * <p>Bodies under {@link #CHECKED_FROM} are admitted without a look: the common case costs
 * nothing. A larger one is admitted when the heap's free space (its maximum less what is in use)
 * holds it; or when it would fit beside what the latest collection left, with an eighth of the heap
 * to spare for what became live since; otherwise after one full collection, when garbage was what
 * stood in the way.
 *
 * <p>The middle step matters for runs of large calls. G1 lets dead large arrays (the bodies of earlier
 * calls) pile up until the heap is full, and collects them then, cheaply, in a young collection. A
 * full collection at that point would find them garbage too, but then shrinks the heap to its live
 * size (a child's {@code MaxHeapFreeRatio} is 10), and the next calls' arrays land in memory the
 * kernel has to hand out again: on JDK 25, where G1 let them pile up after every such collection, a
 * 64 MiB round trip took 13,000 page faults in the child and ran at half the speed.
 */
public final class HeapRoom implements BodyAdmission {
    /** Bodies smaller than this are always admitted. */
    public static final long CHECKED_FROM = 1 << 20;

    private final String whose;
    private final String advice;
    private final Heap heap;

    /**
     * An admission for this JVM's heap.
     *
     * @param whose names the heap in messages, e.g. {@code "extension 'ocr'"} or {@code "the host"}
     * @param advice what the reader of the message can do, e.g. raise a setting
     */
    public HeapRoom(String whose, String advice) {
        this(whose, advice, Heap.THIS_JVM);
    }

    /** For tests: a heap whose figures the test sets. */
    HeapRoom(String whose, String advice, Heap heap) {
        this.whose = whose;
        this.advice = advice;
        this.heap = heap;
    }

    @Override
    public String refusal(FrameType type, long wireBytes, long heapBytes) {
        if (heapBytes < CHECKED_FROM || heapBytes <= free() || fitsBesideLiveHeap(heapBytes)) {
            return null;
        }
        heap.collect(); // what stands in the way may be garbage; a full collection tells
        long free = free();
        if (heapBytes <= free) {
            return null;
        }
        return "it takes " + JvmSizes.format(wireBytes) + " on the wire and about " + JvmSizes.format(heapBytes)
                + " of heap to read, and " + whose + " has " + JvmSizes.format(free) + " free of its "
                + JvmSizes.format(heap.max()) + " heap; " + advice;
    }

    private boolean fitsBesideLiveHeap(long heapBytes) {
        long live = heap.usedAfterLastCollection();
        long max = heap.max();
        return live != HeapAfterCollection.UNKNOWN && heapBytes <= max - live - max / 8;
    }

    private long free() {
        return heap.max() - heap.used();
    }

    /** The figures of a heap that the admission looks at, and its one action. */
    interface Heap {
        /** This JVM's heap. */
        Heap THIS_JVM = new Heap() {
            @Override
            public long max() {
                return Runtime.getRuntime().maxMemory();
            }

            @Override
            public long used() {
                Runtime runtime = Runtime.getRuntime();
                return runtime.totalMemory() - runtime.freeMemory();
            }

            @Override
            public long usedAfterLastCollection() {
                return HeapAfterCollection.usedBytes();
            }

            @Override
            public void collect() {
                System.gc();
            }
        };

        /** The most the heap may grow to. */
        long max();

        /** In use now, garbage included. */
        long used();

        /** In use when the latest collection ended, or {@link HeapAfterCollection#UNKNOWN}. */
        long usedAfterLastCollection();

        /** Runs a full collection. */
        void collect();
    }
}
