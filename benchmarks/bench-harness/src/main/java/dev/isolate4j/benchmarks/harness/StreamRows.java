package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.benchmarks.api.BenchService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream rows: items per second through one {@code Flow.Publisher} result, small records and
 * 64 KiB arrays, made in the child as they are requested and counted by a host subscriber that asks
 * for everything at once (the runtime still keeps at most a window in flight).
 */
final class StreamRows {
    static final int CHUNK_BYTES = 64 << 10;

    private StreamRows() {}

    /** Small records per second, after a warm-up stream of a fifth as many. */
    static double tokensPerSecond(BenchService service, int count) throws Exception {
        drain(service.tokens(Math.max(1, count / 5)));
        return count / drain(service.tokens(count));
    }

    /** MB/s of 64 KiB arrays, after a warm-up stream of a quarter as many. */
    static double chunkMBps(BenchService service, int count) throws Exception {
        drain(service.chunks(Math.max(1, count / 4), CHUNK_BYTES));
        double seconds = drain(service.chunks(count, CHUNK_BYTES));
        return (double) count * CHUNK_BYTES / 1e6 / seconds;
    }

    /** Subscribes, waits for the end, returns the seconds it took. */
    private static double drain(Flow.Publisher<?> publisher) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong items = new AtomicLong();
        long start = System.nanoTime();
        publisher.subscribe(new Flow.Subscriber<Object>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Object item) {
                items.incrementAndGet();
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.MINUTES);
        return (System.nanoTime() - start) / 1e9;
    }
}
