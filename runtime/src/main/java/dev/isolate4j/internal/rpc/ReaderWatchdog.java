package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.DaemonThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * One thread per process that hands a connection's reading to another thread when the reader has
 * been running a frame's work for longer than {@link #PATIENCE_NANOS} (see {@link ReadingRole}). It
 * looks every {@link #PATIENCE_NANOS} while frames bring work, and sleeps, costing nothing, once
 * none has for a while.
 */
final class ReaderWatchdog {
    /** How long a frame's work may hold a connection's reading before another thread takes it. */
    static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Looks in vain this many times in a row, then sleeps until work starts again. */
    private static final int IDLE_LOOKS_BEFORE_SLEEP = 100;

    private static final Set<ReadingRole> ROLES = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean ASLEEP = new AtomicBoolean();
    private static volatile Thread thread;

    private ReaderWatchdog() {}

    static void register(ReadingRole role) {
        ROLES.add(role);
        if (thread == null) {
            startOnce();
        }
    }

    static void unregister(ReadingRole role) {
        ROLES.remove(role);
    }

    /** Called when a reader starts a frame's work: wakes the watchdog if it sleeps. */
    static void wakeUp() {
        if (ASLEEP.get() && ASLEEP.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private static synchronized void startOnce() {
        if (thread == null) {
            thread = DaemonThreads.start("isolate4j-reader-watchdog", ReaderWatchdog::loop);
        }
    }

    private static void loop() {
        int idleLooks = 0;
        while (true) {
            LockSupport.parkNanos(PATIENCE_NANOS);
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
            LoggerFactory.getLogger(ReaderWatchdog.class).error("the reader watchdog failed to look", e);
            return true;
        }
    }

    /** Hands off every reading held too long; returns whether any reader was busy. */
    private static boolean look() {
        long deadline = System.nanoTime() - PATIENCE_NANOS;
        boolean anyBusy = false;
        for (ReadingRole role : ROLES) {
            if (role.busy()) {
                anyBusy = true;
                role.handOffIfBusySince(deadline);
            }
        }
        return anyBusy;
    }

    private static void sleepUntilWatched() {
        ASLEEP.set(true);
        // A reader that became busy before ASLEEP was set did not wake us: look once more.
        if (look()) {
            ASLEEP.set(false);
            return;
        }
        while (ASLEEP.get()) {
            LockSupport.park();
        }
    }
}
