package dev.isolate4j.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until the machine is mostly idle, for work done ahead of time that nothing waits for yet: it
 * must not take the processors from what a host is doing now.
 *
 * <p>Why: a child builds its Fory instance ahead of the first call that needs it, and that build
 * (class loading, and the compilers working on it) cost 400 of the 700 ms of processor time a new
 * child took in its first seconds. Started as soon as each child was ready, the builds ran beside the
 * starts of the children a host loads next, on the same two processors: a host that loads eight
 * extensions at once waited for eight builds that none of its loads needed. Started at the first
 * moment one processor was idle, they ran beside a host's stream of small calls, which keeps one of
 * two busy, and slowed those calls instead.
 *
 * <p>How: Linux counts each processor's idle time in {@code /proc/stat} (system-wide, sandbox or not).
 * Two readings {@link #SAMPLE} apart tell how many processors were idle between them; the wait ends
 * once three quarters of them were ({@link #QUIET_SHARE}), at least {@link #MIN_IDLE}, and answers
 * true; at {@code atMost} it answers false, and the work is left to the first caller that needs it.
 * Where the file cannot be read, the wait is one reading long and answers true. Either way the work
 * must be safe to do twice, or to find done.
 *
 * <p>Example:
 *
 * <pre>{@code
 * QuietMachine.runWhenQuiet("isolate4j-fory-prebuild", Duration.ofSeconds(30), serializer::prebuild);
 * }</pre>
 */
public final class QuietMachine {
    /** How long one reading of the idle time lasts. */
    static final Duration SAMPLE = Duration.ofMillis(200);

    /** The share of the processors that must have been idle for a whole reading. */
    static final double QUIET_SHARE = 0.75;

    /** The fewest idle processors that count as quiet, however few the machine has. */
    static final double MIN_IDLE = 0.9;

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final Times times;

    QuietMachine(Times times) {
        this.times = times;
    }

    /**
     * Waits until the machine has been mostly idle for a whole reading, or for {@code atMost}.
     *
     * @param atMost the longest wait
     * @return true when the machine was quiet, or when it cannot tell; false when it stayed busy
     * @throws InterruptedException when interrupted while waiting
     */
    public static boolean awaitQuiet(Duration atMost) throws InterruptedException {
        return new QuietMachine(Times.SYSTEM).await(atMost);
    }

    /**
     * Runs {@code task} on a daemon thread of its own once the machine is quiet ({@link
     * #awaitQuiet}); not at all when it stays busy for {@code atMost}.
     *
     * @param threadName the thread's name
     * @param atMost the longest wait
     * @param task work that its first user does itself when it is not done yet
     */
    public static void runWhenQuiet(String threadName, Duration atMost, Runnable task) {
        DaemonThreads.start(threadName, () -> {
            try {
                if (awaitQuiet(atMost)) {
                    task.run();
                }
            } catch (InterruptedException e) {
                // the JVM is ending
            }
        });
    }

    /** Waits as {@link #awaitQuiet} does. */
    boolean await(Duration atMost) throws InterruptedException {
        long deadline = times.nanoTime() + atMost.toNanos();
        CpuTimes before = times.read();
        while (true) {
            times.sleep(SAMPLE);
            CpuTimes after = times.read();
            if (before == null || after == null) {
                return true;
            }
            double needed = Math.max(MIN_IDLE, QUIET_SHARE * after.processors());
            if (after.idleProcessorsSince(before) >= needed) {
                return true;
            }
            if (times.nanoTime() - deadline >= 0) {
                return false;
            }
            before = after;
        }
    }

    /**
     * The aggregate line of {@code /proc/stat}: time each state took, summed over the processors.
     *
     * @param idle idle and waiting for I/O, in clock ticks
     * @param total all states but guest time (counted in user time already), in clock ticks
     * @param processors the processors counted
     */
    record CpuTimes(long idle, long total, int processors) {
        /** Parses {@code /proc/stat}'s lines; {@code null} when they are not what Linux writes. */
        static CpuTimes parse(List<String> lines) {
            if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
                return null;
            }
            String[] fields = lines.get(0).trim().split("\\s+");
            if (fields.length < 6) {
                return null;
            }
            long total = 0;
            // user nice system idle iowait irq softirq steal: what a processor's time is spent on.
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            int processors = 0;
            for (String line : lines) {
                if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                    processors++;
                }
            }
            return processors == 0 ? null : new CpuTimes(idle, total, processors);
        }

        /** How many processors were idle on average since {@code before}. */
        double idleProcessorsSince(CpuTimes before) {
            long elapsed = total - before.total;
            return elapsed <= 0 ? 0 : (double) (idle - before.idle) / elapsed * processors;
        }
    }

    /** The clock, the sleep and the file; tests give their own. */
    interface Times {
        Times SYSTEM = new Times() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }

            @Override
            public CpuTimes read() {
                // The processors' lines come first; the rest (interrupt counts) is long and not needed.
                List<String> lines = new ArrayList<>();
                try (BufferedReader reader = Files.newBufferedReader(PROC_STAT)) {
                    for (String line = reader.readLine();
                            line != null && line.startsWith("cpu");
                            line = reader.readLine()) {
                        lines.add(line);
                    }
                    return CpuTimes.parse(lines);
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
        };

        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;

        /** The current times, or {@code null} when they cannot be read. */
        CpuTimes read();
    }
}
