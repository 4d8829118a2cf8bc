package dev.isolate4j.internal.process;

import dev.isolate4j.HealthCheck;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one process's {@link HealthCheck}: a quarter of the interval apart, it sends a probe unless
 * one is out, and finds the child unresponsive once no probe was answered for the interval. It logs
 * that once, and a line when the child answers again; with {@code restartWhenUnresponsive} it ends
 * the child, whose crash the restart policy then handles.
 *
 * <p>Runs on {@link IdleWatch}'s timer; the probe goes out on the connection's worker, so that a
 * child that reads nothing never holds the timer.
 */
final class HealthWatch implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);

    private final String name;
    private final ExtensionProcess process;
    private final HealthCheck check;
    private volatile long lastAnswerNanos = System.nanoTime();
    private volatile boolean probing;
    /** Written by the timer and by the thread that completes a probe; read by both. */
    private volatile boolean unresponsive;

    private volatile ScheduledFuture<?> schedule;

    private HealthWatch(String name, ExtensionProcess process, HealthCheck check) {
        this.name = name;
        this.process = process;
        this.check = check;
    }

    /**
     * Starts watching {@code process}, when {@code check} is enabled.
     *
     * @return stops the watch; call it when the process is no longer the extension's
     */
    static Runnable start(String name, ExtensionProcess process, HealthCheck check) {
        if (!check.enabled()) {
            return () -> {};
        }
        HealthWatch watch = new HealthWatch(name, process, check);
        watch.schedule = IdleWatch.quarterly(check.interval(), watch);
        return () -> watch.schedule.cancel(false);
    }

    @Override
    public void run() {
        long silentNanos = System.nanoTime() - lastAnswerNanos;
        if (!unresponsive && silentNanos > check.interval().toNanos()) {
            unresponsive = true;
            onUnresponsive(Duration.ofNanos(silentNanos));
            if (check.restart()) {
                return;
            }
        }
        if (!probing) {
            probing = true;
            process.ping(check.interval()).whenComplete((answer, error) -> {
                probing = false;
                if (error == null) {
                    answered();
                }
            });
        }
    }

    private void answered() {
        long now = System.nanoTime();
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(now - lastAnswerNanos);
        lastAnswerNanos = now;
        if (unresponsive) {
            unresponsive = false;
            log.info(
                    "extension '{}' (pid {}) answers again, after {} ms of silence", name, process.pid(), silentMillis);
        }
    }

    private void onUnresponsive(Duration silent) {
        String what = "stopped answering: no answer to the health check for " + silent.toMillis() + " ms (its"
                + " HealthCheck interval is " + check.interval().toMillis() + " ms)";
        if (!check.restart()) {
            log.warn(
                    "extension '{}' (pid {}) {}; it is left running (HealthCheck.restartWhenUnresponsive() would"
                            + " end it)",
                    name,
                    process.pid(),
                    what);
            return;
        }
        log.warn("extension '{}' (pid {}) {}; ending it", name, process.pid(), what);
        schedule.cancel(false);
        process.end(what + ", and was ended by the host");
    }
}
