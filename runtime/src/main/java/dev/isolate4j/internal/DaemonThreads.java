package dev.isolate4j.internal;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads with readable names: the runtime's threads never keep a JVM alive, and none dies
 * silently: an exception that escapes one is logged.
 */
public final class DaemonThreads {
    // The logger is looked up when a thread dies, not with this class, as in every class a child's
    // start runs: SLF4J's own start-up (its provider, its fallbacks, a format string) took 20-30 ms
    // of a fresh JVM's main thread, which a child spent before it even connected to its host.
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, error) -> LoggerFactory.getLogger(DaemonThreads.class)
                    .error("thread {} died of an uncaught exception", thread.getName(), error);

    private DaemonThreads() {}

    /**
     * A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ..., that log uncaught
     * exceptions.
     *
     * @param prefix the threads' name prefix
     * @return the factory
     */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
            return thread;
        };
    }

    /**
     * Starts {@code task} on a daemon thread that logs uncaught exceptions.
     *
     * @param name the thread's name
     * @param task what the thread runs
     * @return the started thread
     */
    public static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
        thread.start();
        return thread;
    }

    /**
     * Starts {@code task} after {@code delay} on a daemon thread of its own, which ends with it: for
     * work that must not wait for a pool the application may keep busy (the JDK's common pool, where
     * {@code CompletableFuture.delayedExecutor} runs what it delays).
     *
     * <pre>{@code
     * DaemonThreads.startAfter("isolate4j-class-data", Duration.ofSeconds(2), recording::start);
     * }</pre>
     *
     * @param name the thread's name
     * @param delay how long the thread waits before it runs {@code task}; an interrupt ends the wait
     *     and the thread, without the task
     * @param task what the thread runs
     * @return the started thread
     */
    public static Thread startAfter(String name, Duration delay, Runnable task) {
        return start(name, () -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            task.run();
        });
    }
}
