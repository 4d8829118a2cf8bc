package dev.isolate4j.internal.rpc;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Which thread reads a connection's frames, and the leader/follower hand-off that lets that thread
 * run the work a frame brings (serving a call, completing an asynchronous call) itself.
 *
 * <p>Why: on the project's machines every hand-off from one thread to another costs a wake-up of
 * about 25 µs, as much as the whole rest of a small call. The reader therefore runs a frame's work
 * inline, and gives the reading to another thread only when that work may block:
 *
 * <ul>
 *   <li>at once, when the work is about to wait for a reply from a peer ({@link #beforeWaiting()}):
 *       a nested call host → extension → host must never wait for a frame only its own thread
 *       could read;
 *   <li>after {@link ReaderWatchdog#PATIENCE_NANOS}, when the work still runs: a method that sleeps,
 *       takes a lock or does I/O delays the connection's other frames by about a millisecond, and
 *       never stalls them.
 * </ul>
 *
 * The thread that gave the role away finishes its work and returns to the pool; the role's new
 * holder is a pool thread that runs the read loop.
 */
final class ReadingRole {
    /** The role the current thread holds while it runs a frame's work, if any. */
    private static final ThreadLocal<ReadingRole> RUNNING_INLINE = new ThreadLocal<>();

    /** Runs a task on a pool thread; false once the pool is shut down. */
    private final Predicate<Runnable> workers;

    private final Runnable readLoop;
    /** Writes the replies corked by work run inline ({@code FrameSender#writeReplyQuietly}). */
    private final Runnable flushCorked;
    /**
     * The reading thread while it runs a frame's work, else {@code null}. Whoever moves it from that
     * thread to {@code null} decides: the thread itself, when the work ends (it goes on reading), or
     * a hand-off (another thread reads; this one leaves the loop). One compare-and-set, one winner.
     */
    private final AtomicReference<Thread> busyReader = new AtomicReference<>();
    /** {@link System#nanoTime()} when the current work began; read by the watchdog only. */
    private volatile long busySince;

    ReadingRole(Predicate<Runnable> workers, Runnable readLoop, Runnable flushCorked) {
        this.workers = workers;
        this.readLoop = readLoop;
        this.flushCorked = flushCorked;
    }

    /** {@return whether the current thread runs a frame's work for a reading thread, inline} */
    static boolean runningInline() {
        return RUNNING_INLINE.get() != null;
    }

    /** Starts the read loop on a pool thread; false once the pool is shut down. */
    boolean start() {
        return workers.test(readLoop);
    }

    /**
     * Runs a frame's {@code work} on the reading thread.
     *
     * @return whether this thread still reads: false when the work blocked and another thread took
     *     the reading over, in which case the caller must leave the read loop
     */
    boolean runInline(Runnable work) {
        Thread self = Thread.currentThread();
        busySince = System.nanoTime();
        busyReader.set(self);
        RUNNING_INLINE.set(this);
        ReaderWatchdog.wakeUp();
        try {
            work.run();
        } finally {
            RUNNING_INLINE.remove();
        }
        if (!busyReader.compareAndSet(self, null)) {
            // The reading went to another thread while this one worked, which may have flushed
            // before this work corked its reply: this thread sends what it corked itself.
            flushCorked.run();
            return false;
        }
        // An interrupt a callback left (a cancel that raced with its end) must not reach the next frame's work.
        Thread.interrupted();
        return true;
    }

    /**
     * Called by a thread about to wait for a peer: when it runs a frame's work on a reading thread,
     * another thread takes the reading over first.
     */
    static void beforeWaiting() {
        ReadingRole role = RUNNING_INLINE.get();
        if (role != null) {
            RUNNING_INLINE.remove();
            role.handOff(Thread.currentThread());
        }
    }

    /** Called by the watchdog: hands the reading off when the current work began before {@code deadline}. */
    void handOffIfBusySince(long deadline) {
        Thread reader = busyReader.get();
        if (reader != null && busySince - deadline < 0) {
            handOff(reader);
        }
    }

    boolean busy() {
        return busyReader.get() != null;
    }

    private void handOff(Thread reader) {
        if (busyReader.compareAndSet(reader, null)) {
            start();
        }
    }
}
