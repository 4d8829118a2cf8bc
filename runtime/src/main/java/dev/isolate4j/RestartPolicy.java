package dev.isolate4j;

import java.time.Duration;
import java.util.Objects;

/**
 * What the manager does when an extension's process dies without being stopped. Calls pending at
 * the crash fail either way; with restarts, the proxies handed out before keep working once the
 * new process is up.
 *
 * <pre>{@code
 * ExtensionConfig.builder("ocr")
 *     .modulePath(jar)
 *     .restartPolicy(RestartPolicy.onCrash(3).withDelay(Duration.ofMillis(500)))
 *     .build();
 * }</pre>
 *
 * @param maxRestarts how many times the extension is brought back over its manager's lifetime
 * @param delay how long to wait after a crash before starting the new process
 */
public record RestartPolicy(int maxRestarts, Duration delay) {

    /**
     * Checks the values.
     *
     * @param maxRestarts see {@link #maxRestarts()}
     * @param delay see {@link #delay()}
     * @throws IllegalArgumentException when {@code maxRestarts} or {@code delay} is negative
     */
    public RestartPolicy {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be 0 or more, was " + maxRestarts);
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }

    /**
     * Never restart: a crashed extension stays down until it is stopped and loaded again (the default).
     *
     * @return the policy
     */
    public static RestartPolicy never() {
        return new RestartPolicy(0, Duration.ZERO);
    }

    /**
     * Restart after a crash, at most {@code maxRestarts} times, at once.
     *
     * @param maxRestarts see {@link #maxRestarts()}
     * @return the policy
     */
    public static RestartPolicy onCrash(int maxRestarts) {
        return new RestartPolicy(maxRestarts, Duration.ZERO);
    }

    /**
     * This policy, waiting {@code delay} before each restart.
     *
     * @param delay see {@link #delay()}
     * @return a new policy with the same {@code maxRestarts}
     */
    public RestartPolicy withDelay(Duration delay) {
        return new RestartPolicy(maxRestarts, delay);
    }
}
