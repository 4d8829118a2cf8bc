package dev.isolate4j;

import java.time.Duration;
import java.util.Objects;

/**
 * How the manager notices a child that stops answering: stopped ({@code SIGSTOP}), stuck in its
 * collector, or with its connection's reader blocked. The host sends the child a small probe
 * several times per interval, which the child answers from the thread that reads its connection,
 * never from a pool a busy extension could fill; a child that has not answered for {@code interval}
 * is unresponsive. Calls in progress do not count as answers: a long call is not a hang.
 *
 * <pre>{@code
 * ExtensionConfig.builder("ocr")
 *     .modulePath(jar)
 *     .healthCheck(HealthCheck.every(Duration.ofSeconds(5)).restartWhenUnresponsive())
 *     .restartPolicy(RestartPolicy.onCrash(3))
 *     .build();
 * }</pre>
 *
 * @param interval how long a child may leave the probe unanswered before it is unresponsive; {@code
 *     Duration.ZERO} when the check is off
 * @param restart {@code false}: an unresponsive child is logged (a warning, and a line when it
 *     answers again); {@code true}: it is also ended, which fails its pending calls with an {@link
 *     ExtensionTerminatedException} that says it stopped answering, and the {@link RestartPolicy}
 *     decides whether it comes back
 */
public record HealthCheck(Duration interval, boolean restart) {
    /** The shortest interval accepted: below it, a collection or a busy machine would look like a hang. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    /** The default: a child silent for 30 seconds is logged. */
    public static final HealthCheck DEFAULT = every(Duration.ofSeconds(30));

    /**
     * Checks the values.
     *
     * @param interval see {@link #interval()}
     * @param restart see {@link #restart()}
     * @throws IllegalArgumentException when {@code interval} is neither zero nor at least {@link
     *     #MIN_INTERVAL}, or a check that is off would restart
     */
    public HealthCheck {
        Objects.requireNonNull(interval, "interval");
        if (!interval.isZero() && interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("a health check interval must be at least " + MIN_INTERVAL.toMillis()
                    + " ms, was " + interval.toMillis() + " ms; use HealthCheck.off() to turn the check off");
        }
        if (interval.isZero() && restart) {
            throw new IllegalArgumentException("a health check that is off cannot restart the child; give an interval");
        }
    }

    /**
     * A check that logs a child silent for {@code interval}; see {@link #restartWhenUnresponsive()}.
     *
     * @param interval see {@link #interval()}, at least {@link #MIN_INTERVAL}
     * @return the check
     */
    public static HealthCheck every(Duration interval) {
        return new HealthCheck(interval, false);
    }

    /**
     * No check: a child that stops answering is noticed only by the calls that time out.
     *
     * @return the check
     */
    public static HealthCheck off() {
        return new HealthCheck(Duration.ZERO, false);
    }

    /**
     * This check, ending an unresponsive child as well as logging it.
     *
     * @return the check
     */
    public HealthCheck restartWhenUnresponsive() {
        return new HealthCheck(interval, true);
    }

    /** {@return whether the check runs} */
    public boolean enabled() {
        return !interval.isZero();
    }
}
