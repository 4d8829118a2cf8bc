package dev.isolate4j.streams;

import dev.isolate4j.ExtensionBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;

/** The extension side of {@link Streaming}. */
public final class StreamingExtension extends ExtensionBase implements Streaming {
    private volatile RangePublisher<?> last;

    @Override
    public Flow.Publisher<Integer> range(int count) {
        RangePublisher<Integer> numbers = RangePublisher.integers(count);
        last = numbers;
        return numbers;
    }

    @Override
    public CompletableFuture<Flow.Publisher<Integer>> rangeLater(int count) {
        return CompletableFuture.supplyAsync(() -> range(count));
    }

    @Override
    public Flow.Publisher<byte[]> blobs(int count, int bytes) {
        RangePublisher<byte[]> blobs = new RangePublisher<>(count, i -> new byte[bytes]);
        last = blobs;
        return blobs;
    }

    @Override
    public Flow.Publisher<Token> tokens(String words) {
        SubmissionPublisher<Token> publisher = new SubmissionPublisher<>();
        String[] split = words.split(" ");
        // Items are submitted once the stream's subscriber is there: SubmissionPublisher drops
        // what is submitted before anyone subscribes.
        CompletableFuture.runAsync(() -> {
            try {
                while (publisher.getNumberOfSubscribers() == 0 && !publisher.isClosed()) {
                    Thread.sleep(1);
                }
                for (int i = 0; i < split.length; i++) {
                    publisher.submit(new Token(i, split[i]));
                }
                publisher.close();
            } catch (InterruptedException e) {
                publisher.closeExceptionally(e);
            }
        });
        return publisher;
    }

    @Override
    public Flow.Publisher<Integer> failing(int count, String message) {
        RangePublisher<Integer> numbers = RangePublisher.integers(count);
        return subscriber -> numbers.subscribe(new Flow.Subscriber<Integer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(Integer item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onError(new IllegalStateException(message));
            }
        });
    }

    @Override
    public ProducerReport lastProducer() {
        return last.report();
    }

    @Override
    public long sum(Flow.Publisher<Integer> numbers) {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        numbers.subscribe(subscriber);
        subscriber.end.join();
        return subscriber.items.stream().mapToLong(Integer::longValue).sum();
    }

    @Override
    public CompletableFuture<List<Integer>> take(Flow.Publisher<Integer> numbers, int count) {
        CompletableFuture<List<Integer>> result = new CompletableFuture<>();
        numbers.subscribe(new Flow.Subscriber<Integer>() {
            private final List<Integer> taken = new ArrayList<>();
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                taken.add(item);
                if (taken.size() == count) {
                    subscription.cancel();
                    subscription.cancel(); // idempotent (rule 3.7)
                    result.complete(taken);
                } else {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(taken);
            }
        });
        return result;
    }

    @Override
    public Flow.Publisher<Integer> unruly(int count) {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
                if (!sent) {
                    sent = true;
                    for (int i = 0; i < count; i++) {
                        subscriber.onNext(i);
                    }
                }
            }

            @Override
            public void cancel() {}
        });
    }

    @Override
    public void ignore(Flow.Publisher<Integer> numbers) {}

    @Override
    public long feedSink(int count) {
        AtomicLong next = new AtomicLong();
        return createCaller(Sink.class, "sink")
                .consume(new RangePublisher<>(count, i -> "line " + next.getAndIncrement()));
    }

    @Override
    public int callBackUntilCancelled(int chars) {
        Counter counter = createCaller(Counter.class, "counter");
        String text = "x".repeat(chars);
        int calls = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                counter.count(text);
                calls++;
            }
        } catch (RuntimeException e) {
            // an interrupted caller's call fails: the host cancelled this one
        }
        return calls;
    }
}
