package dev.isolate4j.it.extension;

import dev.isolate4j.it.api.StreamWorker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/** The fixture's {@link StreamWorker}. */
final class FixtureStreamWorker implements StreamWorker {
    @Override
    public Flow.Publisher<byte[]> chunks(long count, int chunkBytes) {
        return new MadeOnDemand<>(count, i -> new byte[chunkBytes]);
    }

    @Override
    public Flow.Publisher<byte[]> relay(Flow.Publisher<byte[]> chunks) {
        return chunks;
    }

    @Override
    public Flow.Publisher<String> tokensThenHalt(int haltAt) {
        return new MadeOnDemand<>(Long.MAX_VALUE, i -> {
            if (i == haltAt) {
                Runtime.getRuntime().halt(3);
            }
            return "token " + i;
        });
    }

    @Override
    public CompletableFuture<Long> consumeThenHalt(Flow.Publisher<byte[]> chunks, long haltAt) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        chunks.subscribe(new Flow.Subscriber<byte[]>() {
            private Flow.Subscription subscription;
            private long read;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(byte[] item) {
                if (++read == haltAt) {
                    Runtime.getRuntime().halt(3);
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(read);
            }
        });
        return result;
    }

    /** A cold publisher that makes each item when it is requested, within {@code request}. */
    static final class MadeOnDemand<T> implements Flow.Publisher<T> {
        private final long count;
        private final LongFunction<T> maker;

        MadeOnDemand(long count, LongFunction<T> maker) {
            this.count = count;
            this.maker = maker;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super T> subscriber) {
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
}
