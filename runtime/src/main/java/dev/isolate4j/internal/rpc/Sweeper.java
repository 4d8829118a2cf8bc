package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.DaemonThreads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * One thread per process that looks at every registered member each tick while any needs it, and
 * sleeps, costing nothing, after {@link #IDLE_LOOKS_BEFORE_SLEEP} looks in a row that found none,
 * until {@link #wakeUp()}. Shared by {@link ReaderWatchdog} and {@link CallTimeouts}.
 *
 * @param <T> what it looks at
 */
final class Sweeper<T> {
    /** Looks at one member at {@code now}; returns whether it still needs looking at. */
    interface Look<T> {
        boolean look(T member, long now);
    }

    /** Looks in vain this many times in a row, then sleeps until woken. */
    static final int IDLE_LOOKS_BEFORE_SLEEP = 100;

    private final String name;
    private final long tickNanos;
    private final Look<T> look;
    private final Set<T> members = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean asleep = new AtomicBoolean();
    private volatile Thread thread;

    Sweeper(String name, long tickNanos, Look<T> look) {
        this.name = name;
        this.tickNanos = tickNanos;
        this.look = look;
    }

    void register(T member) {
        members.add(member);
        if (thread == null) {
            startOnce();
        }
    }

    void unregister(T member) {
        members.remove(member);
    }

    /** Wakes the thread if it sleeps: a member may need looking at from now on. */
    void wakeUp() {
        if (asleep.get() && asleep.compareAndSet(true, false)) {
            LockSupport.unpark(thread);
        }
    }

    private synchronized void startOnce() {
        if (thread == null) {
            thread = DaemonThreads.start(name, this::loop);
        }
    }

    private void loop() {
        int idleLooks = 0;
        while (true) {
            LockSupport.parkNanos(tickNanos);
            if (lookSafely()) {
                idleLooks = 0;
            } else if (++idleLooks >= IDLE_LOOKS_BEFORE_SLEEP) {
                sleepUntilWoken();
                idleLooks = 0;
            }
        }
    }

    /** {@link #lookAtAll()}, surviving whatever it throws: this thread is the only one that looks. */
    private boolean lookSafely() {
        try {
            return lookAtAll();
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger(Sweeper.class).error("{} failed to look", name, e);
            return true;
        }
    }

    private boolean lookAtAll() {
        long now = System.nanoTime();
        boolean any = false;
        for (T member : members) {
            any |= look.look(member, now);
        }
        return any;
    }

    private void sleepUntilWoken() {
        asleep.set(true);
        // A member that needed looking at before asleep was set did not wake us: look once more.
        if (lookAtAll()) {
            asleep.set(false);
            return;
        }
        while (asleep.get()) {
            LockSupport.park();
        }
    }
}
