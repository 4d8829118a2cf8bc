package dev.isolate4j.internal.rpc;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the receiver of a {@code Flow.Publisher} argument or result gets: a publisher of the items
 * the peer's publisher produces. It can be subscribed once: the items are produced once, in the
 * other process, and not kept. A second subscriber gets {@code onSubscribe} then {@code onError}
 * (Reactive Streams rule 1.9 allows a publisher to refuse a subscriber so).
 */
final class RemotePublisher implements Flow.Publisher<Object> {
    private final Streams streams;
    private final long streamId;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    RemotePublisher(Streams streams, long streamId) {
        this.streams = streams;
        this.streamId = streamId;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(NoSubscription.INSTANCE);
            subscriber.onError(new IllegalStateException("stream " + streamId + " from " + streams.peer()
                    + " is subscribed already; a stream from another process can be subscribed once"));
            return;
        }
        new StreamReceiver(streams, streamId, subscriber).start();
    }

    @Override
    public String toString() {
        return "RemotePublisher[stream " + streamId + " from " + streams.peer() + "]";
    }

    /** The subscription of a subscriber that was refused: nothing to request or cancel. */
    private enum NoSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }
}
