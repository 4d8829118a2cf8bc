package dev.isolate4j.internal.rpc;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The subscription deadlines of a connection's exported streams: a stream nobody subscribed to by
 * its deadline is expired. One {@link Sweeper} thread per process looks through every connection's
 * deadlines each {@link #TICK_NANOS} while any is armed, and sleeps once none has been for a while.
 *
 * <p>Why not {@code CompletableFuture.delayedExecutor}: it starts the JDK's delay-scheduler thread,
 * which never ends, and runs each task in the common pool, which then keeps a worker of its own;
 * two threads for the life of every process that once exported a stream, and the common pool is the
 * application's, not ours.
 */
final class StreamDeadlines {
    /** How often armed deadlines are looked at; a deadline may pass by up to this before it fires. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final Sweeper<StreamDeadlines> SWEEPER =
            new Sweeper<>("isolate4j-stream-deadlines", TICK_NANOS, StreamDeadlines::expireDue);

    /** Deadline ({@link System#nanoTime()}) by stream id. */
    private final Map<Long, Long> deadlines = new ConcurrentHashMap<>();

    private final LongConsumer expire;

    /** @param expire called with the id of each stream whose deadline passed, on the sweeper's thread */
    StreamDeadlines(LongConsumer expire) {
        this.expire = expire;
    }

    /** Arms stream {@code id}'s deadline, {@code timeoutNanos} from now. */
    void arm(long id, long timeoutNanos) {
        deadlines.put(id, System.nanoTime() + timeoutNanos);
        SWEEPER.register(this);
        SWEEPER.wakeUp();
    }

    /** Disarms stream {@code id}'s deadline: it was subscribed or ended. */
    void disarm(long id) {
        deadlines.remove(id);
    }

    /** Disarms them all and stops looking: the connection ended. */
    void clear() {
        deadlines.clear();
        SWEEPER.unregister(this);
    }

    /** {@return how many deadlines are armed} */
    int armed() {
        return deadlines.size();
    }

    /** Expires the streams whose deadline passed by {@code now}; whether any deadline is still armed. */
    private boolean expireDue(long now) {
        for (Iterator<Map.Entry<Long, Long>> i = deadlines.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<Long, Long> entry = i.next();
            if (now - entry.getValue() >= 0) {
                i.remove();
                expire.accept(entry.getKey());
            }
        }
        return !deadlines.isEmpty();
    }
}
