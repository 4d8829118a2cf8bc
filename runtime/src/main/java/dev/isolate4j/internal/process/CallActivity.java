package dev.isolate4j.internal.process;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's calls in progress through one extension's proxies, when the last one ended, and
 * whether calls are held back because its child is being parked (stopped to free memory).
 *
 * <p>A caller {@linkplain #enter enters} before it takes the connection, and a parker {@linkplain
 * #holdCalls holds calls} before it stops the child. Each first writes, then reads what the other
 * writes (both volatile), so at least one of them sees the other: either the caller sees the hold
 * and wakes the child instead, or the parker sees the call and leaves the child running. Costs a
 * caller two uncontended atomic operations.
 */
final class CallActivity {
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile long lastEndedNanos = System.nanoTime();
    private volatile boolean held;

    /** Counts a call in, unless calls are held; then it must wake the child and enter again. */
    boolean enter() {
        inProgress.incrementAndGet();
        if (!held) {
            return true;
        }
        inProgress.decrementAndGet();
        return false;
    }

    /** Counts a call out. */
    void exit() {
        lastEndedNanos = System.nanoTime();
        inProgress.decrementAndGet();
    }

    /** Holds calls back unless one is in progress; returns whether it did. */
    boolean holdCalls() {
        held = true;
        if (inProgress.get() > 0) {
            held = false;
            return false;
        }
        return true;
    }

    /** Lets calls in again, and counts the child as active from now. */
    void admitCalls() {
        lastEndedNanos = System.nanoTime();
        held = false;
    }

    /** {@return whether a call is in progress} */
    boolean busy() {
        return inProgress.get() > 0;
    }

    /** {@return when the last call ended, or calls were admitted, in {@link System#nanoTime()}} */
    long lastEndedNanos() {
        return lastEndedNanos;
    }
}
