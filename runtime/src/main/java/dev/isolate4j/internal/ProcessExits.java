package dev.isolate4j.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Processes' exits as futures that threads of the runtime's own complete.
 *
 * <p>Why not {@link Process#onExit()} or {@link ProcessHandle#onExit()}: the JDK completes those
 * through {@code handleAsync}, on the JDK's common pool once it has two workers or more, and the
 * common pool is the application's. A host whose parallel streams or tasks kept the pool busy saw
 * its children's exits late or never: a stop waited its whole grace and killed a child that had
 * exited, a crash went unnoticed.
 *
 * <pre>{@code
 * CompletableFuture<Process> exited = ProcessExits.watch(process, "isolate4j-ocr-exit");
 * exited.thenRun(() -> log.info("gone"));
 * }</pre>
 */
public final class ProcessExits {
    /** How often {@link #awaitGone} looks: a killed process is gone within milliseconds. */
    static final Duration POLL = Duration.ofMillis(10);

    private ProcessExits() {}

    /**
     * The exit of {@code process}, a child of this JVM, completed by a daemon thread that waits for
     * it, and on which the dependent actions then run.
     *
     * @param process the child
     * @param threadName the waiting thread's name
     * @return completes with {@code process} once it has exited
     */
    public static CompletableFuture<Process> watch(Process process, String threadName) {
        CompletableFuture<Process> exited = new CompletableFuture<>();
        DaemonThreads.start(threadName, () -> {
            boolean interrupted = false;
            while (true) {
                try {
                    process.waitFor();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the exit is what this thread is for
                }
            }
            exited.complete(process);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        return exited;
    }

    /**
     * Waits, in the calling thread, until none of {@code processes} is alive, or {@code timeout}
     * has passed: for processes that need not be this JVM's children (the JVM a sandbox runs).
     *
     * @param processes the processes
     * @param timeout the longest wait
     * @return whether all are gone
     * @throws InterruptedException when the calling thread is interrupted
     */
    public static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        return true;
    }

    /**
     * {@link #awaitGone} on a daemon thread of its own.
     *
     * @param processes the processes
     * @param timeout the longest wait
     * @param threadName the waiting thread's name
     * @return completes with whether all are gone
     */
    public static CompletableFuture<Boolean> gone(List<ProcessHandle> processes, Duration timeout, String threadName) {
        CompletableFuture<Boolean> gone = new CompletableFuture<>();
        DaemonThreads.start(threadName, () -> {
            try {
                gone.complete(awaitGone(processes, timeout));
            } catch (InterruptedException e) {
                gone.complete(false);
            }
        });
        return gone;
    }
}
