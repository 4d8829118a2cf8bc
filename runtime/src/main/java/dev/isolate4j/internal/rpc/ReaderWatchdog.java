package dev.isolate4j.internal.rpc;

import java.util.concurrent.TimeUnit;

/**
 * One thread per process that hands a connection's reading to another thread when the reader has
 * been running a frame's work for longer than {@link #PATIENCE_NANOS} (see {@link ReadingRole}). It
 * looks every {@link #PATIENCE_NANOS} while frames bring work, and sleeps, costing nothing, once
 * none has for a while ({@link Sweeper}).
 */
final class ReaderWatchdog {
    /** How long a frame's work may hold a connection's reading before another thread takes it. */
    static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Hands off a reading held too long; whether the reader was busy. */
    private static final Sweeper<ReadingRole> SWEEPER =
            new Sweeper<>("isolate4j-reader-watchdog", PATIENCE_NANOS, (role, now) -> {
                if (!role.busy()) {
                    return false;
                }
                role.handOffIfBusySince(now - PATIENCE_NANOS);
                return true;
            });

    private ReaderWatchdog() {}

    static void register(ReadingRole role) {
        SWEEPER.register(role);
    }

    static void unregister(ReadingRole role) {
        SWEEPER.unregister(role);
    }

    /** Called when a reader starts a frame's work: wakes the watchdog if it sleeps. */
    static void wakeUp() {
        SWEEPER.wakeUp();
    }
}
