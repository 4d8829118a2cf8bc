package dev.isolate4j.internal.rpc;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Brief, bounded busy-waiting for a blocking call's reply, before the caller parks.
 *
 * <p>Why: a parked caller is woken by the reader, and on the project's machines a wake-up costs
 * about as much as the rest of a small call (SPEC.md: ~25 µs of a 35–60 µs socket ping-pong).
 * A caller that spins sees its reply the moment the reader completes it.
 *
 * <p>The spinning stays cheap: it lasts at most {@link #MAX_SPIN_NANOS}; a connection whose calls
 * have mostly taken longer than that lately does not spin at all (a credit, earned by quick round
 * trips and lost twice as fast by slow ones, decides); and at most half the processors spin at
 * once, so spinning callers never take the processor their reply needs. An idle connection costs
 * nothing: only a waiting caller spins.
 */
final class ReplySpin {
    /** The longest a caller spins: about two wake-ups' worth on the project's machines. */
    static final long MAX_SPIN_NANOS = 50_000;

    private static final int MAX_CREDIT = 16;
    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    /** Racy updates from concurrent callers are harmless: it is a hint. */
    private volatile int credit = MAX_CREDIT;

    /** Spins until {@code reply} is done or {@link #MAX_SPIN_NANOS} after {@code startNanos}. */
    void await(Future<?> reply, long startNanos) {
        if (credit == 0 || reply.isDone()) {
            return;
        }
        if (SPINNERS.incrementAndGet() <= MAX_SPINNERS) {
            long end = startNanos + MAX_SPIN_NANOS;
            while (!reply.isDone() && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        }
        SPINNERS.decrementAndGet();
    }

    /** Records a blocking call's round trip: quick ones earn spinning, slow ones lose it. */
    void record(long nanos) {
        int current = credit;
        credit = nanos <= MAX_SPIN_NANOS ? Math.min(MAX_CREDIT, current + 1) : Math.max(0, current - 2);
    }
}
