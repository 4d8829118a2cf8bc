package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.DaemonThreads;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * The deadlines of asynchronous calls: one thread per process runs a call's timeout task when its
 * deadline passes, unless the call ended first and cancelled it.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: it wakes its thread whenever a task becomes the
 * head of its queue, which, for calls awaited one after the other, is every call (the queue empties
 * with each reply): a wake-up of a third thread per call, on a machine where each costs as much as
 * the rest of a small call, and a lock that caller and reader contend for under calls in flight.
 * Here a deadline wakes the thread only when it is earlier than the one the thread sleeps until,
 * which, with one timeout for a connection's calls, is only when the thread has nothing to wait
 * for; scheduling and cancelling take no lock.
 *
 * <p>The handshake that keeps a deadline from being missed: a scheduler adds its deadline, then
 * reads {@link #sleepsUntil}; the thread writes {@code sleepsUntil}, then looks at the earliest
 * deadline again before it parks. Either the thread sees the new deadline, or the scheduler sees
 * that the thread sleeps past it and unparks it.
 */
final class CallTimeouts {
    /** A scheduled deadline; cancel it when the call ends. */
    static final class Timeout implements Comparable<Timeout> {
        private final long deadline;
        private final long sequence;
        private final Runnable task;

        private Timeout(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        /** Forgets the deadline; a no-op once it ran. */
        void cancel() {
            DEADLINES.remove(this);
        }

        @Override
        public int compareTo(Timeout other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private static final ConcurrentSkipListSet<Timeout> DEADLINES = new ConcurrentSkipListSet<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** The deadline the thread sleeps until, {@link Long#MAX_VALUE} while it has none. */
    private static volatile long sleepsUntil = Long.MAX_VALUE;

    private static volatile Thread thread;

    private CallTimeouts() {}

    /** Runs {@code task} once {@code nanos} have passed, unless the returned timeout is cancelled first. */
    static Timeout schedule(long nanos, Runnable task) {
        long deadline = System.nanoTime() + nanos;
        Timeout timeout = new Timeout(deadline, SEQUENCE.incrementAndGet(), task);
        DEADLINES.add(timeout);
        if (thread == null) {
            startOnce();
        }
        long until = sleepsUntil;
        if (until == Long.MAX_VALUE || deadline - until < 0) {
            LockSupport.unpark(thread);
        }
        return timeout;
    }

    private static synchronized void startOnce() {
        if (thread == null) {
            thread = DaemonThreads.start("isolate4j-call-timeouts", CallTimeouts::loop);
        }
    }

    private static void loop() {
        while (true) {
            Timeout first = DEADLINES.isEmpty() ? null : first();
            long now = System.nanoTime();
            if (first != null && first.deadline - now <= 0) {
                if (DEADLINES.remove(first)) {
                    run(first);
                }
                continue;
            }
            sleepsUntil = first == null ? Long.MAX_VALUE : first.deadline;
            Timeout again = DEADLINES.isEmpty() ? null : first();
            if (again != first) {
                continue; // a deadline came in meanwhile: look again before sleeping
            }
            if (first == null) {
                LockSupport.park();
            } else {
                LockSupport.parkNanos(first.deadline - now);
            }
        }
    }

    private static Timeout first() {
        try {
            return DEADLINES.first();
        } catch (java.util.NoSuchElementException e) {
            return null; // cancelled between the two looks
        }
    }

    private static void run(Timeout timeout) {
        try {
            timeout.task.run();
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(CallTimeouts.class).error("a call's timeout task failed", e);
        }
    }
}
