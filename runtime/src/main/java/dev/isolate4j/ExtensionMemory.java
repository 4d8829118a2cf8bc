package dev.isolate4j;

/**
 * The memory of an extension's child JVM, as the child reports it when asked: what the operating
 * system counts against it, and its Java heap.
 *
 * <pre>{@code
 * ExtensionMemory memory = ExtensionHandle.of(ocr).statistics().memory();
 * if (memory.known()) {
 *     log.info("ocr: RSS {} MiB, heap {} of {} MiB",
 *             memory.rssBytes() >> 20, memory.heapUsedBytes() >> 20, memory.heapMaxBytes() >> 20);
 * }
 * }</pre>
 *
 * @param rssBytes the resident set size of the child JVM (Linux's {@code VmRSS}); -1 where the
 *     system does not say
 * @param heapUsedBytes heap in use, garbage included until the next collection
 * @param heapCommittedBytes heap the JVM holds from the system
 * @param heapMaxBytes the most heap the JVM may take ({@code maxHeap})
 */
public record ExtensionMemory(long rssBytes, long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes) {
    /** What is reported for a child that is not running, or did not answer in time. */
    public static final ExtensionMemory UNKNOWN = new ExtensionMemory(-1, -1, -1, -1);

    /** {@return whether the child answered: false for {@link #UNKNOWN}} */
    public boolean known() {
        return heapMaxBytes >= 0;
    }
}
