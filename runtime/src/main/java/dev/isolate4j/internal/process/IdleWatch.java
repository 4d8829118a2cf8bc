package dev.isolate4j.internal.process;

import dev.isolate4j.internal.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Looks at each extension that has an {@code idleTimeout} a few times per timeout, on one daemon
 * thread for the whole JVM, which exists only once such an extension was loaded; the health checks
 * ({@link HealthWatch}) run on it too. What runs on it never waits on I/O.
 */
final class IdleWatch {
    private static final long MIN_PERIOD_MILLIS = 50;
    private static final long MAX_PERIOD_MILLIS = 5_000;

    private IdleWatch() {}

    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer =
                    new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("isolate4j-idle-watch"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /**
     * Runs {@code check} every quarter of {@code idleTimeout} (between 50 ms and 5 s), so that an
     * idle child stops at most a quarter late.
     *
     * @return cancel it when the extension stops
     */
    static ScheduledFuture<?> every(Duration idleTimeout, Runnable check) {
        return quarterly(idleTimeout, check);
    }

    /** Runs {@code task} every quarter of {@code interval}, between 50 ms and 5 s. */
    static ScheduledFuture<?> quarterly(Duration interval, Runnable task) {
        long period = Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, interval.toMillis() / 4));
        return Timer.INSTANCE.scheduleWithFixedDelay(task, period, period, TimeUnit.MILLISECONDS);
    }
}
