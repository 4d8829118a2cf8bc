package dev.isolate4j.internal.observability;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionMemory;
import dev.isolate4j.ExtensionStatistics;
import org.junit.jupiter.api.Test;

class CallStatisticsTest {
    @Test
    void percentilesAreWithinTheHistogramsPrecision() {
        CallStatistics statistics = new CallStatistics();
        for (int micros = 1; micros <= 1_000; micros++) {
            statistics.record(micros * 1_000L, micros % 100 == 0);
        }

        ExtensionStatistics snapshot = statistics.snapshot(ExtensionMemory.UNKNOWN);

        assertThat(snapshot.calls()).isEqualTo(1_000);
        assertThat(snapshot.errors()).isEqualTo(10);
        assertThat((double) snapshot.p50().toNanos()).isWithin(0.25 * 500_000).of(500_000);
        assertThat((double) snapshot.p99().toNanos()).isWithin(0.25 * 990_000).of(990_000);
        assertThat(snapshot.mean().toNanos()).isEqualTo(500_500);
    }

    @Test
    void emptyStatisticsAreZero() {
        ExtensionStatistics snapshot = new CallStatistics().snapshot(ExtensionMemory.UNKNOWN);

        assertThat(snapshot.calls()).isEqualTo(0);
        assertThat(snapshot.p99().isZero()).isTrue();
    }
}
