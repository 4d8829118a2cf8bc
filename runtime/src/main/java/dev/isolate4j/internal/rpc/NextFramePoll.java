package dev.isolate4j.internal.rpc;

/**
 * Whether a connection's reading thread, with nothing left to read, polls the socket for the peer's
 * next frame before it waits in the selector: on the side that serves calls (a child), and only
 * while the peer's frames have lately come soon after the reading thread ran out of them.
 *
 * <p>Why: a small call's round trip on these machines is mostly wake-ups (docs/benchmarks.md,
 * "Where a small call's time goes"). The caller reads its own reply ({@link ReadAccess}), so the
 * host's side wakes nobody; but the child's reading thread, asleep in its selector, is woken by
 * every call. A host thread that calls again as soon as its reply is back sends the next call
 * within microseconds of the reply, while the child's reading thread is still awake: polling for
 * that call, it sees it with no wake-up at all. In PingPong rounds alternating with the raw socket
 * (JDK 17, 2 vCPUs), the blocking small call's p50 went from 0.77–1.89× the raw socket's to
 * 0.31–0.88×.
 *
 * <p>How: a poll lasts at most {@link #POLL_NANOS}, and happens only when the reading thread's
 * previous wait, from running out of bytes to having some again, was shorter than that. An idle
 * connection, or one whose peer calls now and then, never polls; a run of back-to-back calls polls
 * from its second call on, and a wait longer than a poll (the run ended, or the machine is too busy
 * for the peer to call back in time) ends the polling until a short wait again. So a child burns at
 * most one poll's time per call it serves, and none while its host is not calling.
 *
 * <p>Used by the reading thread only; the reading passes between threads with a happens-before
 * ({@link ReadAccess}'s state), which carries this state along.
 */
final class NextFramePoll {
    /** The longest poll: as long as a caller's spin, about two wake-ups on the project's machines. */
    static final long POLL_NANOS = ReplySpin.MAX_SPIN_NANOS;

    private final boolean enabled;
    private final long pollNanos;
    private boolean lastWaitShort;

    /** For tests: polls of {@code pollNanos}, when enabled. */
    NextFramePoll(boolean enabled, long pollNanos) {
        this.enabled = enabled;
        this.pollNanos = pollNanos;
    }

    /** {@return a reading thread's poll on the side that serves calls} */
    static NextFramePoll whileFramesComeSoon() {
        return new NextFramePoll(true, POLL_NANOS);
    }

    /** {@return no poll: the reading thread always waits in the selector} */
    static NextFramePoll never() {
        return new NextFramePoll(false, POLL_NANOS);
    }

    /** {@return how long a poll lasts at most} */
    long pollNanos() {
        return pollNanos;
    }

    /** {@return whether the reading thread polls before it waits, this time} */
    boolean shouldPoll() {
        return enabled && lastWaitShort;
    }

    /**
     * Records how long the reading thread went without bytes this time, its poll included.
     *
     * @param nanos from running out of bytes to having some again
     */
    void waited(long nanos) {
        lastWaitShort = nanos < pollNanos;
    }
}
