package dev.isolate4j.internal.observability;

import dev.isolate4j.ExtensionMemory;
import dev.isolate4j.ExtensionStatistics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts calls and their latencies with a few uncontended atomic additions per call: a histogram
 * of four buckets per power of two of nanoseconds, from which percentiles are read.
 */
public final class CallStatistics {
    private static final int SUB_BUCKET_BITS = 2;
    private static final int BUCKETS = 64 << SUB_BUCKET_BITS;

    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);

    /**
     * Records one call.
     *
     * @param nanos how long it took
     * @param failed whether it ended with an exception
     */
    public void record(long nanos, boolean failed) {
        long value = Math.max(1, nanos);
        calls.increment();
        if (failed) {
            errors.increment();
        }
        totalNanos.add(value);
        histogram.incrementAndGet(bucket(value));
    }

    /**
     * A snapshot of the counts and latencies.
     *
     * @param memory the child's memory, to go with them
     * @return the snapshot
     */
    public ExtensionStatistics snapshot(ExtensionMemory memory) {
        long count = calls.sum();
        long[] buckets = new long[BUCKETS];
        long inHistogram = 0;
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = histogram.get(i);
            inHistogram += buckets[i];
        }
        return new ExtensionStatistics(
                count,
                errors.sum(),
                Duration.ofNanos(count == 0 ? 0 : totalNanos.sum() / count),
                Duration.ofNanos(percentile(buckets, inHistogram, 0.50)),
                Duration.ofNanos(percentile(buckets, inHistogram, 0.99)),
                memory);
    }

    private static int bucket(long nanos) {
        int log2 = 63 - Long.numberOfLeadingZeros(nanos);
        int sub =
                log2 < SUB_BUCKET_BITS ? 0 : (int) (nanos >>> (log2 - SUB_BUCKET_BITS)) & ((1 << SUB_BUCKET_BITS) - 1);
        return (log2 << SUB_BUCKET_BITS) | sub;
    }

    /** The lower bound of the bucket holding the given share of the calls. */
    private static long percentile(long[] buckets, long total, double share) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * share);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return lowerBound(i);
            }
        }
        return lowerBound(BUCKETS - 1);
    }

    private static long lowerBound(int bucket) {
        int log2 = bucket >>> SUB_BUCKET_BITS;
        int sub = bucket & ((1 << SUB_BUCKET_BITS) - 1);
        if (log2 < SUB_BUCKET_BITS) {
            return 1L << log2;
        }
        return (1L << log2) | ((long) sub << (log2 - SUB_BUCKET_BITS));
    }
}
