package dev.isolate4j.internal.rpc;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How a caller waits for its reply before it parks: not at all, busy, or busy but yielding its
 * processor; whichever has brought this connection's replies back soonest lately.
 *
 * <p>Why: a parked caller is woken by the reader, and on the project's machines a wake-up costs
 * about as much as the rest of a small call (SPEC.md: ~25 µs of a 35–60 µs socket ping-pong). A
 * caller that spins sees its reply the moment the reader completes it. But spinning is a bet on the
 * scheduler, and on these 2-vCPU machines it is lost as often as won: the peer's reader, woken by
 * the caller's write, and this side's reader, woken by the reply, are often queued on the very
 * processor the caller spins on, and the scheduler (EEVDF) lets the spinner run out its time first;
 * on a machine busy with other work, spinning takes a processor someone else needs. Measured on one
 * machine, one run: spinning 15–65 µs, parking 20–60 µs, the raw socket 12–40 µs, depending on the
 * load. So no way is right everywhere, and each is measured where it runs:
 *
 * <ul>
 *   <li>{@link #PARK}: the caller parks at once (three wake-ups per call: peer, reader, caller);
 *   <li>{@link #SPIN}: the caller spins, and sees the reply without a wake-up of its own;
 *   <li>{@link #YIELD}: the caller spins, yielding its processor at each turn, so that a reader
 *       queued behind it runs at once.
 * </ul>
 *
 * Each blocking call waits in the way whose round trips have averaged lowest on this connection,
 * except one call in {@link #EXPLORE_EVERY}, which tries each way in turn so that the averages follow
 * the machine's load. A way never measured is tried first. Spinning of either kind lasts at most
 * {@link #MAX_SPIN_NANOS}, at most half the processors spin at once, and a connection whose round
 * trips all take longer than that does not spin at all. An idle connection costs nothing: only a
 * waiting caller spins.
 */
final class ReplySpin {
    /** The caller parks at once. */
    static final int PARK = 0;
    /** The caller busy-waits. */
    static final int SPIN = 1;
    /** The caller busy-waits, yielding its processor at each turn. */
    static final int YIELD = 2;

    private static final int WAYS = 3;

    /** The longest a caller spins: about two wake-ups' worth on the project's machines. */
    static final long MAX_SPIN_NANOS = 50_000;

    /**
     * One call in this many tries the ways in turn, whatever their averages: rarely enough that the
     * tries, slow when a way is wrong for the moment, stay out of the 99th percentile (under 1% of
     * calls), often enough that each way is measured again every few milliseconds of small calls.
     */
    static final int EXPLORE_EVERY = 128;

    /**
     * A round trip counts for at most this much, twice the longest spin: slower is as bad for the
     * choice whatever its length, and one collection pause must not condemn a way for long.
     */
    static final long LONGEST_COUNTED_NANOS = 2 * MAX_SPIN_NANOS;

    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    /**
     * The moving average of the round trips of each way, in nanoseconds; 0 until measured. Updated
     * by concurrent callers without coordination: a lost update only delays the average a little.
     */
    private final AtomicLongArray averages = new AtomicLongArray(WAYS);

    /** Counts the calls, to explore one in {@link #EXPLORE_EVERY}; racy on purpose, it is a hint. */
    private int calls;

    /** {@return how the next call waits: the quickest way lately, or another one to measure it} */
    int choose() {
        int call = ++calls;
        if (call % EXPLORE_EVERY == 0) {
            return (call / EXPLORE_EVERY) % WAYS;
        }
        return preferred();
    }

    /** The way calls take unless they explore: the quickest, or parking when even that is slow. */
    private int preferred() {
        int best = quickest();
        // Calls this slow gain nothing from a spin that ends before their reply comes.
        return averages.get(best) > MAX_SPIN_NANOS ? PARK : best;
    }

    /** The way whose average is lowest, or the first never measured. */
    private int quickest() {
        int best = PARK;
        long bestAverage = Long.MAX_VALUE;
        for (int way = 0; way < WAYS; way++) {
            long average = averages.get(way);
            if (average == 0) {
                return way;
            }
            if (average < bestAverage) {
                best = way;
                bestAverage = average;
            }
        }
        return best;
    }

    /**
     * Waits for {@code reply} in the given way, until it is done or {@link #MAX_SPIN_NANOS} after
     * {@code startNanos}; returns at once for {@link #PARK}.
     */
    void await(Future<?> reply, long startNanos, int way) {
        if (way == PARK || reply.isDone()) {
            return;
        }
        if (SPINNERS.incrementAndGet() <= MAX_SPINNERS) {
            long end = startNanos + MAX_SPIN_NANOS;
            while (!reply.isDone() && System.nanoTime() - end < 0) {
                if (way == YIELD) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
        }
        SPINNERS.decrementAndGet();
    }

    /**
     * Records the round trip of a call that waited in {@code way}. The preferred way is measured at
     * nearly every call, and its average moves an eighth of the way to each round trip. The others
     * are measured only when explored, one call in {@code 3 * EXPLORE_EVERY}, so theirs moves half
     * of the way: one slow round trip must not keep a way unused for thousands of calls after the
     * machine has changed. (With an eighth for all, a harness run was seen to park through most of
     * its small calls at 48 µs, a spinning wait's average stuck above the parking one's by a single
     * slow round trip while spinning took 17–24 µs.)
     */
    void record(int way, long nanos) {
        long sample = Math.max(1, Math.min(nanos, LONGEST_COUNTED_NANOS));
        long average = averages.get(way);
        long weight = way == preferred() ? 8 : 2;
        averages.lazySet(way, average == 0 ? sample : average + (sample - average) / weight);
    }
}
