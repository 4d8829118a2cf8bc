package dev.isolate4j.streams;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A cold publisher of {@code count} items that emits within {@code request}, as many reactive
 * libraries do, and records what it was asked for; {@code count < 0} never ends.
 */
final class RangePublisher<T> implements Flow.Publisher<T> {
    private final long count;
    private final IntFunction<T> item;
    final AtomicLong maxOutstanding = new AtomicLong();
    final AtomicLong emitted = new AtomicLong();
    final AtomicBoolean subscribed = new AtomicBoolean();
    final CountDownLatch cancelled = new CountDownLatch(1);

    RangePublisher(long count, IntFunction<T> item) {
        this.count = count;
        this.item = item;
    }

    static RangePublisher<Integer> integers(long count) {
        return new RangePublisher<>(count, i -> i);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        subscribed.set(true);
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicLong requested = new AtomicLong();
            private final AtomicInteger wip = new AtomicInteger();
            private volatile boolean done;
            private long next;

            @Override
            public void request(long n) {
                if (n <= 0) {
                    done = true;
                    subscriber.onError(new IllegalArgumentException("request(" + n + ")"));
                    return;
                }
                long now = requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                maxOutstanding.accumulateAndGet(now, Math::max);
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                int missed = 1;
                do {
                    while (!done && requested.get() > 0) {
                        if (count >= 0 && next == count) {
                            done = true;
                            subscriber.onComplete();
                            return;
                        }
                        requested.decrementAndGet();
                        emitted.incrementAndGet();
                        subscriber.onNext(item.apply((int) next++));
                    }
                    if (!done && count >= 0 && next == count) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    missed = wip.addAndGet(-missed);
                } while (missed != 0);
            }

            @Override
            public void cancel() {
                done = true;
                cancelled.countDown();
            }
        });
    }

    Streaming.ProducerReport report() {
        return new Streaming.ProducerReport(
                maxOutstanding.get(), emitted.get(), cancelled.getCount() == 0, subscribed.get());
    }
}
