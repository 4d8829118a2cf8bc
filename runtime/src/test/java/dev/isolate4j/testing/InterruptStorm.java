package dev.isolate4j.testing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Interrupts a thread without pause until closed, as a test's worst case of callers that are
 * interrupted at any moment (executors shut down, futures cancelled).
 *
 * <pre>{@code
 * InterruptStorm storm = InterruptStorm.on(Thread.currentThread());
 * try {
 *     channel.write(large);
 * } finally {
 *     storm.close();
 * }
 * }</pre>
 */
public final class InterruptStorm implements AutoCloseable {
    private final Thread interrupter;
    private final AtomicBoolean over = new AtomicBoolean();

    private InterruptStorm(Thread target) {
        interrupter = new Thread(
                () -> {
                    while (!over.get()) {
                        target.interrupt();
                        Thread.onSpinWait();
                    }
                },
                "interrupt-storm");
        interrupter.setDaemon(true);
        interrupter.start();
    }

    /**
     * Starts interrupting {@code target}.
     *
     * @param target the thread to interrupt
     * @return the storm, to close when done
     */
    public static InterruptStorm on(Thread target) {
        return new InterruptStorm(target);
    }

    /** Stops, waits for the interrupting thread to end, and clears the current thread's status. */
    @Override
    public void close() {
        over.set(true);
        while (interrupter.isAlive()) {
            Thread.interrupted(); // joining with the status set would throw
            Thread.onSpinWait();
        }
        Thread.interrupted();
    }
}
