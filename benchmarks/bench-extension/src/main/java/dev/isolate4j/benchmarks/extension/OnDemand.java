package dev.isolate4j.benchmarks.extension;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** A cold publisher that makes each of {@code count} items when it is requested, within {@code request}. */
final class OnDemand<T> implements Flow.Publisher<T> {
    private final int count;
    private final IntFunction<T> maker;

    OnDemand(int count, IntFunction<T> maker) {
        this.count = count;
        this.maker = maker;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicLong requested = new AtomicLong();
            private final AtomicInteger wip = new AtomicInteger();
            private volatile boolean done;
            private int next;

            @Override
            public void request(long n) {
                requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                int missed = 1;
                do {
                    while (!done && next < count && requested.get() > 0) {
                        requested.decrementAndGet();
                        subscriber.onNext(maker.apply(next++));
                    }
                    if (!done && next == count) {
                        done = true;
                        subscriber.onComplete();
                    }
                    missed = wip.addAndGet(-missed);
                } while (missed != 0);
            }

            @Override
            public void cancel() {
                done = true;
            }
        });
    }
}
