package dev.isolate4j.internal.child;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionMemory;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The heap in use, read while a collection resizes the heap: never the difference of two moments. */
class MemoryReportTest {
    @Test
    void aHeapThatGrowsBetweenTheReadsIsReadAgain() {
        // The heap grows from 100 to 120 MiB between the committed read and the free read.
        LongSupplier committed = sequence(100, 120, 120, 120);
        LongSupplier free = sequence(110, 90);

        ExtensionMemory memory = MemoryReport.of(1, committed, free, 256);

        assertThat(memory.heapCommittedBytes()).isEqualTo(120);
        assertThat(memory.heapUsedBytes()).isEqualTo(30);
    }

    @Test
    void aHeapThatNeverHoldsStillStillGivesNoNegativeUse() {
        long[] next = {100};
        LongSupplier committed = () -> next[0] += 10;

        ExtensionMemory memory = MemoryReport.of(1, committed, () -> 1_000, 256);

        assertThat(memory.heapUsedBytes()).isEqualTo(0);
    }

    @Test
    void thisJvmsReportIsConsistent() {
        ExtensionMemory memory = MemoryReport.current();

        assertThat(memory.heapUsedBytes()).isAtLeast(0L);
        assertThat(memory.heapUsedBytes()).isAtMost(memory.heapCommittedBytes());
        assertThat(memory.heapCommittedBytes()).isAtMost(memory.heapMaxBytes());
    }

    /** Answers the values in order, then the last again. */
    private static LongSupplier sequence(long... values) {
        ArrayDeque<Long> left = new ArrayDeque<>();
        for (long value : values) {
            left.add(value);
        }
        long last = values[values.length - 1];
        return () -> left.isEmpty() ? last : left.poll();
    }
}
