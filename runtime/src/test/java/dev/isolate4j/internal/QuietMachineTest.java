package dev.isolate4j.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.internal.QuietMachine.CpuTimes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietMachineTest {
    @Test
    void readsTheIdleAndTotalTimeOfAllProcessorsFromProcStat() {
        CpuTimes times = CpuTimes.parse(List.of(
                "cpu  100 5 50 800 20 1 2 3 0 0", "cpu0 50 2 25 400 10 1 1 1 0 0", "cpu1 50 3 25 400 10 0 1 2 0 0"));

        assertThat(times).isEqualTo(new CpuTimes(820, 981, 2));
    }

    @Test
    void somethingElseThanProcStatReadsAsUnknown() {
        assertThat(CpuTimes.parse(List.of())).isNull();
        assertThat(CpuTimes.parse(List.of("intr 12 3 4"))).isNull();
        assertThat(CpuTimes.parse(List.of("cpu  1 2 3"))).isNull();
        assertThat(CpuTimes.parse(List.of("cpu  1 2 3 4 5 6 7 8"))).isNull(); // no processor lines
    }

    @Test
    void idleProcessorsAreTheIdleShareOfTheElapsedTimeTimesTheProcessors() {
        CpuTimes before = new CpuTimes(1_000, 10_000, 2);

        assertThat(new CpuTimes(1_040, 10_040, 2).idleProcessorsSince(before))
                .isWithin(1e-9)
                .of(2.0);
        assertThat(new CpuTimes(1_020, 10_040, 2).idleProcessorsSince(before))
                .isWithin(1e-9)
                .of(1.0);
        assertThat(new CpuTimes(1_000, 10_040, 2).idleProcessorsSince(before))
                .isWithin(1e-9)
                .of(0.0);
        assertThat(before.idleProcessorsSince(before)).isEqualTo(0.0);
    }

    @Test
    void theWaitEndsAtTheFirstReadingWithThreeQuartersOfTheProcessorsIdle() throws Exception {
        // Four processors: a quarter idle (a host's small calls), half idle, then three quarters.
        FakeTimes times = new FakeTimes(
                new CpuTimes(0, 0, 4), new CpuTimes(10, 40, 4), new CpuTimes(30, 80, 4), new CpuTimes(60, 120, 4));

        boolean quiet = new QuietMachine(times).await(Duration.ofSeconds(30));

        assertThat(quiet).isTrue();
        assertThat(times.slept).isEqualTo(QuietMachine.SAMPLE.multipliedBy(3));
    }

    @Test
    void onTwoProcessorsOneBusyIsNotQuiet() throws Exception {
        // One of two busy (a ping-pong of small calls), then both idle.
        FakeTimes times = new FakeTimes(
                new CpuTimes(0, 0, 2), new CpuTimes(20, 40, 2), new CpuTimes(40, 80, 2), new CpuTimes(80, 120, 2));

        boolean quiet = new QuietMachine(times).await(Duration.ofSeconds(30));

        assertThat(quiet).isTrue();
        assertThat(times.slept).isEqualTo(QuietMachine.SAMPLE.multipliedBy(3));
    }

    @Test
    void onOneProcessorMostOfItIdleIsQuiet() throws Exception {
        FakeTimes times = new FakeTimes(new CpuTimes(0, 0, 1), new CpuTimes(37, 40, 1));

        assertThat(new QuietMachine(times).await(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aMachineThatStaysBusyIsWaitedForUntilTheDeadlineAndSaysSo() throws Exception {
        FakeTimes times = new FakeTimes();
        for (int i = 0; i < 100; i++) {
            times.readings.add(new CpuTimes(20L * i, 40L * i, 2)); // one of two idle
        }

        boolean quiet = new QuietMachine(times).await(Duration.ofSeconds(1));

        assertThat(quiet).isFalse();
        assertThat(times.slept).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void whereProcStatCannotBeReadTheWaitIsOneReadingLongAndTheWorkGoesAhead() throws Exception {
        FakeTimes times = new FakeTimes((CpuTimes) null, null);

        boolean quiet = new QuietMachine(times).await(Duration.ofSeconds(30));

        assertThat(quiet).isTrue();
        assertThat(times.slept).isEqualTo(QuietMachine.SAMPLE);
    }

    @Test
    void thisMachinesProcStatReadsAndItsWaitEndsWithinTheDeadline() throws Exception {
        // Linux, as everywhere this project runs: the real file reads as processor times, one line per
        // processor, counting on as time passes.
        CpuTimes before = QuietMachine.Times.SYSTEM.read();
        Thread.sleep(50);
        CpuTimes after = QuietMachine.Times.SYSTEM.read();
        assertThat(before).isNotNull();
        assertThat(after.processors()).isEqualTo(before.processors());
        assertThat(after.processors()).isAtLeast(Runtime.getRuntime().availableProcessors());
        assertThat(after.total()).isGreaterThan(before.total());
        assertThat(after.idleProcessorsSince(before)).isAtMost((double) after.processors());

        long start = System.nanoTime();

        QuietMachine.awaitQuiet(Duration.ofMillis(500));

        // At most the deadline and the reading that passes it.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /** Readings in order; time passes only by sleeping. */
    private static final class FakeTimes implements QuietMachine.Times {
        final Deque<CpuTimes> readings = new ArrayDeque<>();
        Duration slept = Duration.ZERO;

        FakeTimes(CpuTimes... readings) {
            for (CpuTimes reading : readings) {
                this.readings.add(reading == null ? UNREADABLE : reading);
            }
        }

        private static final CpuTimes UNREADABLE = new CpuTimes(-1, -1, -1);

        @Override
        public long nanoTime() {
            return slept.toNanos();
        }

        @Override
        public void sleep(Duration duration) {
            slept = slept.plus(duration);
        }

        @Override
        public CpuTimes read() {
            CpuTimes next = readings.poll();
            return next == UNREADABLE ? null : next;
        }
    }
}
