package dev.isolate4j.internal.rpc;

import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.framing.OutgoingFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producing side of one stream: a publisher this side passed to the peer, and the subscriber
 * that forwards what it publishes to the peer's {@link StreamReceiver}.
 *
 * <p>States: exported (nobody subscribed yet), subscribing (the real publisher was subscribed, its
 * {@code onSubscribe} has not come), active, done. The first STREAM_REQUEST subscribes; a request
 * before {@code onSubscribe} is kept and passed on then. Cancelling before anyone subscribed (the
 * deadline passed, the connection closed) still subscribes and cancels at once, so that the
 * publisher learns that nobody will read it.
 *
 * <p>Items are serialized on the publisher's own thread, in the order of its (serialized) signals,
 * into an outbox that one thread at a time writes ({@link #flush}). What a publisher emits within
 * this side's {@code request} (a cold publisher that emits as it is asked) goes out in one write
 * when the request returns; what it emits from a thread of its own goes out at once, joined by
 * whatever piled up meanwhile. So a burst costs one system call, not one per item. The receiver
 * asks for no more than its window, so the outbox never holds more than that.
 *
 * <p>Lock: {@code lock} guards the state, the upstream subscription, the demand and the outbox; it
 * is never held while calling the publisher, the subscription or the socket. It is private, not
 * {@code this}: this object is the subscriber the publisher holds, which it may lock.
 */
final class StreamProducer implements Flow.Subscriber<Object> {
    /** Frames made within one request are written at once when they reach this many bytes. */
    private static final long BATCH_BYTES = 256 << 10;

    private enum State {
        EXPORTED,
        SUBSCRIBING,
        ACTIVE,
        DONE
    }

    private final Streams streams;
    private final long id;
    private final Flow.Publisher<?> publisher;
    private final boolean tracksReferences;
    private final Object lock = new Object();

    /** Guarded by lock. */
    private State state = State.EXPORTED;
    /** Guarded by lock. */
    private Flow.Subscription upstream;
    /** Guarded by lock: items the receiver asked for and has not been sent; only this bounds a publisher that ignores demand. */
    private long demand;
    /** Guarded by lock: requested before {@code onSubscribe}, passed on then. */
    private long requestedEarly;
    /** Guarded by lock: frames made and not written yet, in order. */
    private List<OutgoingFrame> outbox = new ArrayList<>();
    /** Guarded by lock: the bytes of {@code outbox}'s frames. */
    private long outboxBytes;
    /**
     * Guarded by lock: the stream's last frame (COMPLETE or ERROR) is in the outbox. The producer
     * stays registered until that frame is written: a request the receiver sent before it saw the
     * end must find the producer, not "stream not open", which could overtake the end (and the last
     * items) on the wire and fail a stream that completed.
     */
    private boolean lastQueued;
    /** The one thread at a time that writes the outbox: the work-in-progress counter of {@link #flush}. */
    private final AtomicInteger flushing = new AtomicInteger();
    /**
     * The thread running this side's own {@code request} or {@code subscribe} on the publisher, if
     * any: what a publisher emits from within those calls is written once they return, in one batch.
     */
    private volatile Thread emittingWithin;

    StreamProducer(Streams streams, long id, Flow.Publisher<?> publisher, boolean tracksReferences) {
        this.streams = streams;
        this.id = id;
        this.publisher = publisher;
        this.tracksReferences = tracksReferences;
    }

    long id() {
        return id;
    }

    /** The receiver asked for {@code count} more items; the first request subscribes. */
    void request(long count) {
        boolean subscribe = false;
        Flow.Subscription subscription;
        synchronized (lock) {
            if (state == State.DONE) {
                return;
            }
            demand = addCapped(demand, count);
            if (state == State.EXPORTED) {
                state = State.SUBSCRIBING;
                subscribe = true;
            }
            subscription = upstream;
            if (subscription == null) {
                requestedEarly = addCapped(requestedEarly, count);
            }
        }
        if (subscribe) {
            emittingWithin = Thread.currentThread();
            try {
                publisher.subscribe(this);
            } catch (RuntimeException e) {
                // Rule 1.9 wants subscribe to return normally; one that throws ends the stream.
                onError(e);
            } finally {
                emittingWithin = null;
            }
        } else if (subscription != null) {
            emittingWithin = Thread.currentThread();
            try {
                subscription.request(count);
            } finally {
                emittingWithin = null;
            }
        }
        flush();
    }

    /** The receiver cancelled, or the connection closed: stops the publisher. Idempotent. */
    void cancel() {
        Flow.Subscription subscription;
        boolean neverSubscribed;
        synchronized (lock) {
            if (state == State.DONE) {
                return;
            }
            neverSubscribed = state == State.EXPORTED;
            state = State.DONE;
            subscription = upstream;
        }
        streams.finished(this);
        if (subscription != null) {
            subscription.cancel();
        } else if (neverSubscribed) {
            tellNobodyReads();
        }
        // Subscribing without onSubscribe yet: onSubscribe will find the stream done and cancel.
    }

    /** Cancels the stream if nobody subscribed yet; returns whether it did. */
    boolean expireIfUnsubscribed() {
        synchronized (lock) {
            if (state != State.EXPORTED) {
                return false;
            }
            state = State.DONE;
        }
        tellNobodyReads();
        return true;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        long early;
        synchronized (lock) {
            if (upstream != null || state == State.DONE) {
                early = -1; // rule 2.5: a second subscription, or one for a stream already ended
            } else {
                upstream = subscription;
                state = State.ACTIVE;
                early = requestedEarly;
                requestedEarly = 0;
            }
        }
        if (early < 0) {
            subscription.cancel();
        } else if (early > 0) {
            subscription.request(early); // within subscribe, or flushed as it comes (another thread)
        }
    }

    @Override
    public void onNext(Object item) {
        Flow.Subscription subscription;
        synchronized (lock) {
            if (state == State.DONE) {
                return; // cancelled: what the publisher still sends is dropped
            }
            if (demand == 0) {
                state = State.DONE;
                subscription = upstream;
            } else {
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                subscription = null;
            }
        }
        if (subscription != null) {
            fail(
                    subscription,
                    new RemoteCallException(publisher.getClass().getName() + " sent an item of stream " + id
                            + " that was not requested (Reactive Streams rule 1.1); the stream was cancelled"));
            return;
        }
        OutgoingFrame frame;
        try {
            frame = streams.itemFrame(id, item, tracksReferences);
        } catch (RuntimeException e) {
            Flow.Subscription toCancel;
            synchronized (lock) {
                if (state == State.DONE) {
                    return;
                }
                state = State.DONE;
                toCancel = upstream;
            }
            fail(toCancel, e);
            return;
        }
        boolean full;
        synchronized (lock) {
            outbox.add(frame);
            outboxBytes += frame.length();
            full = outboxBytes >= BATCH_BYTES;
        }
        // Within this side's own request the batch goes out when the request returns; an item a
        // publisher emits from a thread of its own goes out now, with whatever else is waiting.
        if (full || emittingWithin != Thread.currentThread()) {
            flush();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (finish()) {
            enqueueLast(streams.errorFrame(id, error));
        }
    }

    @Override
    public void onComplete() {
        if (finish()) {
            enqueueLast(Streams.completeFrame(id));
        }
    }

    private void enqueueLast(OutgoingFrame frame) {
        synchronized (lock) {
            outbox.add(frame);
            lastQueued = true;
        }
        flush();
    }

    /**
     * Writes what the outbox holds. One thread at a time writes (the others add to the outbox and
     * leave), so batches go out in the order their items were made; the writer goes round again
     * while others added more, which batches a fast publisher's items without a thread of its own.
     */
    private void flush() {
        if (flushing.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Batch batch = takeBatch();
            if (batch != null) {
                streams.send(batch.frames());
                if (batch.holdsLast()) {
                    streams.finished(this); // its end is written: later requests are answered "not open"
                }
            }
            missed = flushing.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * The frames in the outbox, which starts empty again; null when it is empty. Decided under the
     * lock, once: an outbox found empty and looked at again outside the lock could have been filled
     * meanwhile by the publisher's thread, and would have gone out twice, now and at the next round
     * (a stream of 10 GiB through a child then delivered one to eight items twice, one run in twenty).
     */
    private Batch takeBatch() {
        synchronized (lock) {
            if (outbox.isEmpty()) {
                return null;
            }
            Batch batch = new Batch(outbox, lastQueued); // nothing is added after the last frame
            outbox = new ArrayList<>();
            outboxBytes = 0;
            return batch;
        }
    }

    /** Frames taken from the outbox to write, and whether the stream's last frame is among them. */
    private record Batch(List<OutgoingFrame> frames, boolean holdsLast) {}

    private boolean finish() {
        synchronized (lock) {
            if (state == State.DONE) {
                return false;
            }
            state = State.DONE;
        }
        return true;
    }

    private void fail(Flow.Subscription subscription, RuntimeException error) {
        if (subscription != null) {
            subscription.cancel();
        }
        enqueueLast(streams.errorFrame(id, error));
    }

    /** Subscribes and cancels at once: how a publisher learns that nobody will read it. */
    private void tellNobodyReads() {
        try {
            publisher.subscribe(new Flow.Subscriber<Object>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.cancel();
                }

                @Override
                public void onNext(Object item) {}

                @Override
                public void onError(Throwable throwable) {}

                @Override
                public void onComplete() {}
            });
        } catch (RuntimeException e) {
            log().debug("{}: the publisher of stream {} refused a last subscription", streams.connectionName(), id, e);
        }
    }

    static long addCapped(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(StreamProducer.class);
    }
}
