package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.DaemonThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

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
 * found none it parks until {@link #watch()} wakes it.
 */
final class CallTimeouts {
    /** How often the pending calls are looked through while some have a deadline. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** Looks that found no asynchronous call, in a row, before the thread sleeps. */
    private static final int IDLE_LOOKS_BEFORE_SLEEP = 100;

    private static final Set<RpcConnection> CONNECTIONS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean ASLEEP = new AtomicBoolean();
    private static volatile Thread thread;

    private CallTimeouts() {}

    static void register(RpcConnection connection) {
        CONNECTIONS.add(connection);
        if (thread == null) {
            startOnce();
        }
    }

    static void unregister(RpcConnection connection) {
        CONNECTIONS.remove(connection);
    }

    /** Called when an asynchronous call gets its deadline: wakes the thread if it sleeps. */
    static void watch() {
        if (ASLEEP.get() && ASLEEP.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private static synchronized void startOnce() {
        if (thread == null) {
            thread = DaemonThreads.start("isolate4j-call-timeouts", CallTimeouts::loop);
        }
    }

    private static void loop() {
        int idleLooks = 0;
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            if (lookSafely()) {
                idleLooks = 0;
            } else if (++idleLooks >= IDLE_LOOKS_BEFORE_SLEEP) {
                sleepUntilWatched();
                idleLooks = 0;
            }
        }
    }

    /** {@link #look()}, surviving whatever it throws: this thread is the only one that looks. */
    private static boolean lookSafely() {
        try {
            return look();
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(CallTimeouts.class).error("the call timeouts' thread failed to look", e);
            return true;
        }
    }

    /** Fails the calls past their deadline; returns whether any asynchronous call is pending. */
    private static boolean look() {
        long now = System.nanoTime();
        boolean any = false;
        for (RpcConnection connection : CONNECTIONS) {
            any |= connection.pending().timeOutDue(now);
        }
        return any;
    }

    private static void sleepUntilWatched() {
        ASLEEP.set(true);
        // A call that got its deadline before ASLEEP was set did not wake us: look once more.
        if (look()) {
            ASLEEP.set(false);
            return;
        }
        while (ASLEEP.get()) {
            LockSupport.park();
        }
    }
}
