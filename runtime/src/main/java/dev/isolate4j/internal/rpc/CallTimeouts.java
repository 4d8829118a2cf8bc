package dev.isolate4j.internal.rpc;

import java.util.concurrent.TimeUnit;

/**
 * The deadlines of asynchronous calls: one thread per process looks through the pending calls of
 * every connection each {@link #TICK_NANOS} and fails those whose deadline has passed with a {@code
 * CallTimeoutException}. (A blocking caller times its own wait.)
 *
 * <p>Why a sweep and not a timer per call: a call's deadline is then a field of the call, which
 * costs the call nothing more. A {@code ScheduledThreadPoolExecutor} took a lock that caller and
 * reader contended for under calls in flight, and woke its thread whenever a task became the head
 * of its queue, which, for calls awaited one after the other, was every call: a wake-up of a third
 * thread per call, on machines where one costs as much as the rest of a small call; a sorted
 * concurrent set cost the caller a fifth of its time at 64 calls in flight. A deadline may pass by up
 * to a tick before it is noticed, nothing against timeouts of seconds.
 *
 * <p>The thread costs nothing while no asynchronous call is pending: after a second of looks that
 * found none it parks until {@link #watch()} wakes it ({@link Sweeper}).
 */
final class CallTimeouts {
    /** How often the pending calls are looked through while some have a deadline. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Fails a connection's calls past their deadline; whether it has asynchronous calls pending. */
    private static final Sweeper<RpcConnection> SWEEPER = new Sweeper<>(
            "isolate4j-call-timeouts",
            TICK_NANOS,
            (connection, now) -> connection.pending().timeOutDue(now));

    private CallTimeouts() {}

    static void register(RpcConnection connection) {
        SWEEPER.register(connection);
    }

    static void unregister(RpcConnection connection) {
        SWEEPER.unregister(connection);
    }

    /** Called when an asynchronous call gets its deadline: wakes the thread if it sleeps. */
    static void watch() {
        SWEEPER.wakeUp();
    }
}
