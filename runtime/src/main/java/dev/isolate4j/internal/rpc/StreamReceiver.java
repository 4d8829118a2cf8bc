package dev.isolate4j.internal.rpc;

import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one stream: the subscription a local subscriber holds, the items that
 * arrived for it, and the demand it passes to the producer in the other process.
 *
 * <p>Demand. The subscriber's {@code request(n)} travels to the producer, but never more than a
 * window ahead of what was delivered, and never more than the subscriber asked for. The window is
 * {@link #INITIAL_WINDOW} items until the first arrives, then a budget of {@link #WINDOW_BYTES}
 * divided by the largest item seen, between 1 and {@link #MAX_WINDOW} items: 32 arrays of 64 KiB,
 * 256 small records. So the items queued here plus those in flight stay within the window, whatever the
 * stream's length. More is asked for once half the window is free: one STREAM_REQUEST per half
 * window rather than per item.
 *
 * <p>Delivery. Signals are serialized by a drain loop (one thread at a time, the work-in-progress
 * counter {@code wip}): whoever brings a signal (the connection's reading thread with an item, a
 * subscriber calling {@code request} from {@code onNext}) runs the loop unless another thread does,
 * which then goes round once more. {@code onSubscribe} comes first, then items in the order they
 * were produced, then {@code onComplete} or {@code onError} once the items before it are delivered,
 * except when the connection ended, which is delivered at once. A subscriber that blocks in {@code
 * onNext} on the reading thread hands the reading to another thread ({@link ReadingRole}), so the
 * reading thread queues each signal ({@link #queueItem}) before it runs the drain loop, never within
 * it: the order of the queue is the order of the frames.
 *
 * <p>Lock: {@code lock} guards the queue, the demand and the end; it is never held while calling
 * the subscriber or writing a frame. It is private, not {@code this}: this object is the subscriber's
 * subscription, and a subscriber that locks it must not stall the connection's reading thread.
 */
final class StreamReceiver implements Flow.Subscription {
    private static final Logger log = LoggerFactory.getLogger(StreamReceiver.class);

    /** The most items requested from the producer ahead of delivery, however small they are. */
    static final int MAX_WINDOW = 256;
    /** The window before the first item arrives, while the items' size is unknown. */
    static final int INITIAL_WINDOW = 16;
    /** Items in flight times the largest item's size stay about within this, once an item arrived. */
    static final long WINDOW_BYTES = 2L << 20;

    private final Streams streams;
    private final long id;
    private final Flow.Subscriber<? super Object> subscriber;
    private final AtomicInteger wip = new AtomicInteger();
    private final Object lock = new Object();

    /** Guarded by lock: arrived, not delivered yet. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** Guarded by lock: requested by the subscriber and not delivered; {@code Long.MAX_VALUE} is unbounded. */
    private long demand;
    /** Guarded by lock: requested from the producer and not arrived. */
    private long outstanding;
    /** Guarded by lock: requested from the producer since the start, for the message of a producer that sends more. */
    private long requestedInAll;
    /** Guarded by lock: arrived since the start, for the same message. */
    private long arrivedInAll;
    /** Guarded by lock: the most items requested ahead; see {@link #queueItem}. */
    private int window = INITIAL_WINDOW;
    /** Guarded by lock: the largest item so far, in bytes on the wire. */
    private long largestItem;
    /** Guarded by lock: the producer completed. */
    private boolean completed;
    /** Guarded by lock: the error the stream ends with, once known. */
    private Throwable error;
    /** Guarded by lock: deliver {@code error} before the queued items (the connection ended). */
    private boolean errorFirst;
    /** Guarded by lock: cancelled, or the end was delivered; nothing more is delivered or sent. */
    private boolean done;
    /** Only the drain loop's thread reads and writes it. */
    private boolean subscribeSignalled;

    StreamReceiver(Streams streams, long id, Flow.Subscriber<? super Object> subscriber) {
        this.streams = streams;
        this.id = id;
        this.subscriber = subscriber;
    }

    long id() {
        return id;
    }

    /** Registers with the connection and delivers {@code onSubscribe}, or the connection's end. */
    void start() {
        if (!streams.register(this)) {
            Throwable cause = streams.closedCause();
            onError(cause != null ? cause : new IllegalStateException("connection closed"), true);
            return;
        }
        drain();
    }

    @Override
    public void request(long n) {
        long credit;
        synchronized (lock) {
            if (done || error != null) {
                return;
            }
            if (n <= 0) {
                error = new IllegalArgumentException("request(" + n + ") on stream " + id + " from "
                        + streams.peer() + ": a subscriber must request 1 or more items"
                        + " (Reactive Streams rule 3.9)");
                errorFirst = true;
                credit = -1;
            } else {
                demand = StreamProducer.addCapped(demand, n);
                // A producer that completed has nothing more to send: what is queued is all.
                credit = completed ? 0 : credit();
            }
        }
        if (credit < 0) {
            streams.unregister(this);
            streams.sendCancel(id);
        } else if (credit > 0) {
            streams.sendRequest(id, credit);
        }
        drain();
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
            queue.clear();
            if (completed || error != null) {
                return; // the producer is finished already
            }
        }
        streams.unregister(this);
        streams.sendCancel(id);
    }

    /**
     * An item arrived; {@code bytes} is its size on the wire. Queued on the reading thread before it
     * reads the next frame, and delivered by {@link #drain}: queueing inside work that may hand the
     * reading to another thread would let that thread queue the next item first.
     */
    void queueItem(Object item, long bytes) {
        synchronized (lock) {
            if (done || error != null || completed) {
                return;
            }
            arrivedInAll++;
            if (outstanding > 0) {
                outstanding--;
                queue.add(item);
                // Small items: a wide window, for a round trip per request costs tens of µs; large
                // ones: a narrow one, for memory. The largest item so far decides.
                if (bytes > largestItem) {
                    largestItem = bytes;
                    window = (int) Math.max(1, Math.min(MAX_WINDOW, WINDOW_BYTES / Math.max(1, bytes)));
                }
                return;
            }
            error = new IllegalStateException("stream " + id + " from " + streams.peer()
                    + " sent an item that was not requested (item " + arrivedInAll + ", " + requestedInAll
                    + " requested); the stream was cancelled");
            errorFirst = true;
        }
        // A producer that breaks the protocol is told to stop, as for an item that cannot be read.
        streams.unregister(this);
        streams.sendCancel(id);
    }

    /** The producer completed: queued on the reading thread after the items before it, as {@link #queueItem}. */
    void queueComplete() {
        synchronized (lock) {
            if (done || error != null) {
                return;
            }
            completed = true;
        }
        streams.unregister(this);
    }

    /** The stream failed: after the queued items, or at once when {@code now} (the connection ended). */
    void onError(Throwable cause, boolean now) {
        queueError(cause, now);
        drain();
    }

    /** {@link #onError} without delivering: queued on the reading thread, as {@link #queueItem}. */
    void queueError(Throwable cause, boolean now) {
        synchronized (lock) {
            if (done || error != null || completed) {
                return;
            }
            error = cause;
            errorFirst = now;
        }
        streams.unregister(this);
    }

    /** Ends the stream with {@code cause} and tells the producer to stop (a bad item, a refused frame). */
    void cancelUpstream(Throwable cause) {
        synchronized (lock) {
            if (done || error != null || completed) {
                return;
            }
            error = cause;
            errorFirst = true;
        }
        streams.unregister(this);
        streams.sendCancel(id);
        drain();
    }

    /**
     * How many more items to ask the producer for now, counted as requested; 0 while more than half
     * of the window is in flight. Called under the lock.
     */
    private long credit() {
        long limit = Math.min(window, demand);
        long inFlight = queue.size() + outstanding;
        long credit = limit - inFlight;
        if (credit <= 0 || credit < Math.max(1, limit / 2)) {
            return 0;
        }
        outstanding += credit;
        requestedInAll += credit;
        return credit;
    }

    /** Delivers what can be delivered, on this thread unless another one is at it (see class comment). */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!subscribeSignalled) {
                subscribeSignalled = true;
                if (!call(() -> subscriber.onSubscribe(this))) {
                    return;
                }
            }
            while (deliverOne()) {
                // each round delivers one signal outside the lock
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Delivers one signal; false when there is none to deliver now. */
    private boolean deliverOne() {
        Object item = null;
        Throwable end = null;
        boolean complete = false;
        long credit = 0;
        synchronized (lock) {
            if (done) {
                queue.clear();
                return false;
            }
            if (error != null && (errorFirst || queue.isEmpty())) {
                end = error;
                done = true;
                queue.clear();
            } else if (queue.isEmpty()) {
                if (!completed) {
                    return false;
                }
                complete = true;
                done = true;
            } else if (demand > 0) {
                item = queue.poll();
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                credit = error == null && !completed ? credit() : 0;
            } else {
                return false;
            }
        }
        if (credit > 0) {
            streams.sendRequest(id, credit);
        }
        Object next = item;
        Throwable failure = end;
        if (failure != null) {
            call(() -> subscriber.onError(failure));
            return false;
        }
        if (complete) {
            call(subscriber::onComplete);
            return false;
        }
        return call(() -> subscriber.onNext(next));
    }

    /**
     * Calls the subscriber. One that throws breaks rule 2.13: its subscription is cancelled, the
     * exception logged, and nothing more is delivered.
     */
    private boolean call(Runnable signal) {
        try {
            signal.run();
            return true;
        } catch (RuntimeException | Error e) {
            log.warn(
                    "{}: the subscriber of stream {} threw; the stream was cancelled (Reactive Streams rule 2.13)",
                    streams.peer(),
                    id,
                    e);
            cancel();
            return false;
        }
    }
}
