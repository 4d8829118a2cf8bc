package dev.isolate4j.internal.rpc;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *       queued behind it runs at once;
 *   <li>{@link #POLL}: the caller reads the socket itself while the reading thread waits in its
 *       selector ({@link ReadAccess}): its reply wakes nobody on this side, as a raw socket's
 *       client's wakes only the client. When the reading thread is busy, it spins as {@link #SPIN}.
 * </ul>
 *
 * Each blocking call waits in the way whose round trips have averaged lowest on this connection,
 * except a run of {@link #EXPLORE_RUN} calls every {@link #EXPLORE_EVERY}, which tries the ways in
 * turn so that the averages follow the machine's load. A way never measured is tried first. Spinning of either kind lasts at most
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
    /** The caller reads the socket itself while the reading thread waits ({@link ReadAccess}). */
    static final int POLL = 3;

    private static final int WAYS = 4;

    /** The longest a caller spins: about two wake-ups' worth on the project's machines. */
    static final long MAX_SPIN_NANOS = 50_000;

    /**
     * Every this many calls, {@link #EXPLORE_RUN} calls in a row try the next way in turn, whatever
     * the averages: rarely enough that the tries, slow when a way is wrong for the moment, stay out
     * of the 99th percentile (under 1% of calls), often enough that each way is measured again every
     * few hundred milliseconds of small calls.
     */
    static final int EXPLORE_EVERY = 2048;

    /**
     * How many calls in a row try a way when it is explored. A way is judged by a run, not by one
     * call: one call is as likely to be slow by chance (a wake-up queued behind another thread) as by
     * its way, and the scheduler settles where each thread runs only after a few calls the same way.
     * Tried one call at a time, polling read 50–98 µs in a machine's explored calls, and 23–29 µs
     * when every call polled.
     */
    static final int EXPLORE_RUN = 16;

    /**
     * A round trip counts for at most this much, twice the longest spin: slower is as bad for the
     * choice whatever its length, and one collection pause must not condemn a way for long.
     */
    static final long LONGEST_COUNTED_NANOS = 2 * MAX_SPIN_NANOS;

    private static final int MAX_SPINNERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private static final AtomicInteger SPINNERS = new AtomicInteger();

    /**
     * The moving average of the round trips of each way but polling (judged by its misses), in
     * nanoseconds; 0 until measured. Updated by concurrent callers without coordination: a lost
     * update only delays the average a little.
     */
    private final AtomicLongArray averages = new AtomicLongArray(POLL);

    /**
     * The moving share of polling calls whose reply came after the spin, in {@link #MISSES_SCALE}
     * parts; 0 until one missed, so that calls poll from the first.
     */
    private final AtomicLong pollMisses = new AtomicLong();

    private static final long MISSES_SCALE = 1024;

    /**
     * Polling's misses move a sixty-fourth of the way per call: a phase of slow calls (a collection,
     * another process) must last a while before calls stop polling, for polling that is left comes
     * back only on probation, every {@link #PROBATION_EVERY} calls; a machine where polling misses
     * every time leaves it again after about 45 calls (about 1% of calls).
     */
    private static final long POLL_MISS_WEIGHT = 64;

    /**
     * The calls of a probation that are not judged: the scheduler takes a few hundred calls to
     * settle the threads for polling after the connection's calls parked (in a probe, 85% of the
     * first calls of a run missed, where 3–10% missed once settled), and judged from the first,
     * a probation failed more often than not.
     */
    static final int SETTLING_CALLS = EXPLORE_EVERY / 4;

    /** The call from which polling is judged again, after a probation began; racy, a hint. */
    private int settledAt;

    /** How often polling, left for its misses, becomes the way again on probation. */
    static final int PROBATION_EVERY = 2 * EXPLORE_EVERY;

    /**
     * The connection's first calls, whose round trips are not recorded: they run code the JIT has
     * not compiled yet, slower than a spin whatever the way (a probe's first 2,000 polling calls
     * took 250 µs on average), and they would have every way judged by its first, cold, calls.
     */
    static final int COLD_CALLS = 4 * EXPLORE_EVERY;

    /** Counts the calls, to explore a run every {@link #EXPLORE_EVERY}; racy on purpose, it is a hint. */
    private int calls;

    /** Calls not recorded at first: {@link #COLD_CALLS}, or none in tests. */
    private final int coldCalls;

    ReplySpin() {
        this(COLD_CALLS);
    }

    ReplySpin(int coldCalls) {
        this.coldCalls = coldCalls;
    }

    /** {@return how the next call waits: the quickest way lately, or another one to measure it} */
    int choose() {
        int call = ++calls;
        if (call % PROBATION_EVERY == 0 && pollMisses.get() >= MISSES_SCALE / 2) {
            pollMisses.set(MISSES_SCALE / 4); // polling, left for its misses, becomes the way again, on probation
            settledAt = call + SETTLING_CALLS;
        }
        if (call % EXPLORE_EVERY >= EXPLORE_EVERY - EXPLORE_RUN) {
            return (call / EXPLORE_EVERY) % WAYS;
        }
        return preferred();
    }

    /**
     * The way calls take unless they explore: polling, while most polls end with the reply; else the
     * quickest of the others, or parking when even that is slow. Polling is judged by whether it
     * gets the reply within the spin, not by its average against the others': it removes a wake-up
     * from the call rather than betting on one, but the scheduler takes many calls to settle the
     * threads for it, and its explored runs averaged 50–70 µs on a machine where it averaged 30–38
     * µs with every call polling (0.70–0.91× the raw socket's p50, parking 1.4–1.9×).
     */
    private int preferred() {
        if (pollMisses.get() < MISSES_SCALE / 2) {
            return POLL;
        }
        int best = quickest();
        // Calls this slow gain nothing from a spin that ends before their reply comes.
        return averages.get(best) > MAX_SPIN_NANOS ? PARK : best;
    }

    /** The way other than polling whose average is lowest, or the first never measured. */
    private int quickest() {
        int best = PARK;
        long bestAverage = Long.MAX_VALUE;
        for (int way = 0; way < POLL; way++) {
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

    /** Reads the connection for a reply on the waiting thread ({@link RpcConnection#pollReply}). */
    @FunctionalInterface
    interface Poller {
        /** Polls until {@code reply} is done or {@code endNanos}; false when it could not poll. */
        boolean poll(Future<?> reply, long endNanos);
    }

    /**
     * Waits for {@code reply} in the given way, until it is done or {@link #MAX_SPIN_NANOS} after
     * {@code startNanos}; returns at once for {@link #PARK}.
     */
    void await(Future<?> reply, long startNanos, int way, Poller poller) {
        if (way == PARK || reply.isDone()) {
            return;
        }
        if (SPINNERS.incrementAndGet() <= MAX_SPINNERS) {
            long end = startNanos + MAX_SPIN_NANOS;
            if (way == POLL) {
                poller.poll(reply, end); // then spins out its time, when it could not poll or the reply is the reader's
            }
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
     * are measured only when explored, a run of {@code EXPLORE_RUN} calls in {@code 4 *
     * EXPLORE_EVERY}, so theirs moves a quarter of the way: a run's last few round trips decide, not
     * a slow one before the machine changed. (With an eighth for all and single explored calls, a
     * harness run was seen to park through most of its small calls at 48 µs, a spinning wait's
     * average stuck above the parking one's by a single slow round trip while spinning took 17–24
     * µs.) A polling call counts as a hit or a miss of its spin (see {@link #preferred()}).
     */
    void record(int way, long nanos) {
        if (calls < coldCalls) {
            return; // the connection's first calls run cold code: slow whatever the way
        }
        boolean taken = way == preferred();
        if (way == POLL) {
            // Only while it is the way calls take, once settled: an explored run is too short to judge it.
            if (taken && calls - settledAt >= 0) {
                long misses = pollMisses.get();
                long sample = nanos > MAX_SPIN_NANOS ? MISSES_SCALE : 0;
                pollMisses.lazySet(misses + (sample - misses) / POLL_MISS_WEIGHT);
            }
            return;
        }
        long sample = Math.max(1, Math.min(nanos, LONGEST_COUNTED_NANOS));
        long average = averages.get(way);
        long weight = taken ? 8 : 4;
        averages.lazySet(way, average == 0 ? sample : average + (sample - average) / weight);
    }
}
