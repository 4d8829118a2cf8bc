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
 * holds it; otherwise after one full collection, when garbage was what stood in the way.
 */
public final class HeapRoom implements BodyAdmission {
    /** Bodies smaller than this are always admitted. */
    public static final long CHECKED_FROM = 1 << 20;

    private final String whose;
    private final String advice;

    /**
     * An admission for this JVM's heap.
     *
     * @param whose names the heap in messages, e.g. {@code "extension 'ocr'"} or {@code "the host"}
     * @param advice what the reader of the message can do, e.g. raise a setting
     */
    public HeapRoom(String whose, String advice) {
        this.whose = whose;
        this.advice = advice;
    }

    @Override
    public String refusal(FrameType type, long wireBytes, long heapBytes) {
        if (heapBytes < CHECKED_FROM || heapBytes <= free()) {
            return null;
        }
        System.gc(); // what stands in the way may be garbage; a full collection tells
        long free = free();
        if (heapBytes <= free) {
            return null;
        }
        return "it takes " + JvmSizes.format(wireBytes) + " on the wire and about " + JvmSizes.format(heapBytes)
                + " of heap to read, and " + whose + " has " + JvmSizes.format(free) + " free of its "
                + JvmSizes.format(Runtime.getRuntime().maxMemory()) + " heap; " + advice;
    }

    private static long free() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }
}
