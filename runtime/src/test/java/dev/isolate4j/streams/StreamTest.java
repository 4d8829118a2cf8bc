package dev.isolate4j.streams;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.InProcessExtension;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.streams.Streaming.Token;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Flow.Publisher results and arguments cross as streams, both ways, with demand and cancellation. */
class StreamTest {
    private static final List<Long> SINK_SUMS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static InProcessExtension<Streaming> extension;
    private static Streaming streaming;

    /** The host's callee, which the extension hands a stream. */
    static final class HostSink implements Streaming.Sink {
        @Override
        public long consume(Flow.Publisher<String> lines) {
            RecordingSubscriber<String> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
            lines.subscribe(subscriber);
            subscriber.end.join();
            long total = subscriber.items.stream().mapToLong(String::length).sum();
            SINK_SUMS.add(total);
            return subscriber.items.size();
        }
    }

    @BeforeAll
    static void start() {
        extension = InProcessExtension.start(
                Streaming.class,
                new StreamingExtension(),
                Map.of("sink", new HostSink(), "counter", (Streaming.Counter) String::length),
                Duration.ofSeconds(30));
        streaming = extension.proxy();
    }

    @AfterAll
    static void stop() {
        extension.close();
    }

    @Test
    void itemsArriveInOrderThenTheStreamCompletes() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        streaming.range(100_000).subscribe(subscriber);

        assertThat(subscriber.awaitEnd()).isNull();
        assertThat(subscriber.items)
                .containsExactlyElementsIn(IntStream.range(0, 100_000).boxed().toList())
                .inOrder();
        assertThat(subscriber.violations).isEmpty();
    }

    /**
     * A subscriber that locks its subscription from a thread of its own (to call {@code request}
     * under its own lock, say) while items arrive. When that lock was the stream's own, the reading
     * thread waited for it with an item in hand, the reading passed to another thread after a
     * millisecond, and that thread queued later items first: the items arrived out of order.
     */
    @Test
    void itemsStayInOrderWhileTheSubscriberLocksItsSubscription() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread locker = new Thread(() -> {
            while (streaming.get()) {
                Flow.Subscription subscription = subscriber.subscription;
                if (subscription == null) {
                    Thread.onSpinWait();
                    continue;
                }
                synchronized (subscription) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
        });
        locker.start();
        try {
            StreamTest.streaming.range(20_000).subscribe(subscriber);
            assertThat(subscriber.awaitEnd()).isNull();
        } finally {
            streaming.set(false);
            locker.join();
        }

        assertThat(subscriber.items)
                .containsExactlyElementsIn(IntStream.range(0, 20_000).boxed().toList())
                .inOrder();
        assertThat(subscriber.violations).isEmpty();
    }

    /**
     * A publisher that emits from a thread of its own the moment demand arrives, while the thread
     * that brought the demand writes what was emitted: both reach the stream's outbox together, one
     * request at a time. An outbox looked at twice, once under its lock and once outside, sent some
     * items twice (and the receiver, asked for one, refused the second): in half the runs of this
     * test alone, within the first 3,000 items, while the code was not yet compiled.
     */
    @Test
    void itemsEmittedWhileTheRequestIsWrittenGoOutOnce() throws Exception {
        int count = 20_000;
        try (EagerPublisher numbers = new EagerPublisher(count)) {
            List<Integer> taken = streaming.take(numbers, count).get(60, TimeUnit.SECONDS);

            assertThat(taken)
                    .containsExactlyElementsIn(IntStream.range(0, count).boxed().toList())
                    .inOrder();
        }
    }

    /** Emits 0 to {@code count - 1} on its own thread, which spins for demand so as to emit at once. */
    private static final class EagerPublisher implements Flow.Publisher<Integer>, AutoCloseable {
        private final int count;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private Thread emitter;

        EagerPublisher(int count) {
            this.count = count;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    demand.addAndGet(n);
                }

                @Override
                public void cancel() {
                    stopped.set(true);
                }
            });
            emitter = new Thread(
                    () -> {
                        for (int i = 0; i < count && !stopped.get(); ) {
                            if (demand.get() > 0) {
                                demand.decrementAndGet();
                                subscriber.onNext(i++);
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                        if (!stopped.get()) {
                            subscriber.onComplete();
                        }
                    },
                    "eager-publisher");
            emitter.setDaemon(true);
            emitter.start();
        }

        @Override
        public void close() {
            stopped.set(true);
            if (emitter != null) {
                try {
                    emitter.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void recordsFromASubmissionPublisherArriveInOrder() throws Exception {
        RecordingSubscriber<Token> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        streaming.tokens("isolate4j streams tokens as they are made").subscribe(subscriber);

        assertThat(subscriber.awaitEnd()).isNull();
        assertThat(subscriber.items.stream().map(Token::text).toList())
                .containsExactly("isolate4j", "streams", "tokens", "as", "they", "are", "made")
                .inOrder();
        assertThat(subscriber.items.get(6)).isEqualTo(new Token(6, "made"));
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void anAsynchronousMethodReturnsAStream() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        streaming.rangeLater(1_000).get(10, TimeUnit.SECONDS).subscribe(subscriber);

        assertThat(subscriber.awaitEnd()).isNull();
        assertThat(subscriber.items)
                .containsExactlyElementsIn(IntStream.range(0, 1_000).boxed().toList())
                .inOrder();
    }

    @Test
    void anEmptyStreamCompletes() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(1);
        streaming.range(0).subscribe(subscriber);

        assertThat(subscriber.awaitEnd()).isNull();
        assertThat(subscriber.items).isEmpty();
    }

    @Test
    void theSubscribersDemandReachesTheProducer() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(5);
        streaming.range(1_000).subscribe(subscriber);

        await(() -> subscriber.count() == 5);
        Thread.sleep(200); // nothing more may come
        assertThat(subscriber.count()).isEqualTo(5);
        assertThat(streaming.lastProducer().emitted()).isEqualTo(5);

        subscriber.request(3);
        await(() -> subscriber.count() == 8);
        Thread.sleep(100);
        assertThat(streaming.lastProducer().emitted()).isEqualTo(8);
        subscriber.subscription.cancel();
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void unboundedDemandKeepsAtMostAWindowInFlight() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        streaming.range(50_000).subscribe(subscriber);

        assertThat(subscriber.awaitEnd()).isNull();
        assertThat(subscriber.count()).isEqualTo(50_000);
        // The producer is never asked for more than the receiver's window ahead of delivery.
        assertThat(streaming.lastProducer().maxOutstanding()).isAtMost(256);
    }

    @Test
    void largeItemsNarrowTheWindow() throws Exception {
        RecordingSubscriber<byte[]> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        streaming.blobs(200, 512 << 10).subscribe(subscriber);

        assertThat(subscriber.awaitEnd()).isNull();
        assertThat(subscriber.count()).isEqualTo(200);
        // 16 before the first item's size is known, then 2 MiB / 512 KiB = 4 at a time.
        assertThat(streaming.lastProducer().maxOutstanding()).isAtMost(16);
    }

    @Test
    void cancellingOnTheHostStopsTheProducerInTheExtension() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(10);
        streaming.range(-1).subscribe(subscriber); // endless

        await(() -> subscriber.count() == 10);
        subscriber.subscription.cancel();
        subscriber.subscription.cancel(); // idempotent

        await(() -> streaming.lastProducer().cancelled());
        assertThat(streaming.lastProducer().emitted()).isEqualTo(10);
        assertThat(subscriber.end.isDone()).isFalse(); // a cancelled subscriber hears nothing more
    }

    @Test
    void cancellingInTheExtensionStopsTheHostsProducer() throws Exception {
        RangePublisher<Integer> numbers = RangePublisher.integers(-1);

        List<Integer> taken = streaming.take(numbers, 5).get(10, TimeUnit.SECONDS);

        assertThat(taken).containsExactly(0, 1, 2, 3, 4).inOrder();
        assertThat(numbers.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(numbers.emitted.get()).isEqualTo(5);
    }

    @Test
    void anErrorOfTheProducerEndsTheStreamWithTheRemoteException() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        streaming.failing(3, "the model ran out of tokens").subscribe(subscriber);

        Throwable error = subscriber.awaitEnd();
        assertThat(subscriber.items).containsExactly(0, 1, 2).inOrder();
        assertThat(error).isInstanceOf(RemoteMethodException.class);
        RemoteMethodException remote = (RemoteMethodException) error;
        assertThat(remote.remoteClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(remote).hasMessageThat().contains("the model ran out of tokens");
        assertThat(List.of(remote.getStackTrace()).stream()
                        .anyMatch(frame -> frame.getClassName().startsWith(StreamingExtension.class.getName())))
                .isTrue();
    }

    @Test
    void aPublisherThatIgnoresDemandIsCancelledAndTheStreamFails() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(2);
        streaming.unruly(100).subscribe(subscriber);

        Throwable error = subscriber.awaitEnd();
        assertThat(error).isInstanceOf(RemoteMethodException.class);
        assertThat(error).hasMessageThat().contains("that was not requested (Reactive Streams rule 1.1)");
        assertThat(subscriber.items).containsExactly(0, 1).inOrder();
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void aSubscriberThatThrowsCancelsTheStream() throws Exception {
        Flow.Publisher<Integer> numbers = streaming.range(-1);
        CompletableFuture<Void> ended = new CompletableFuture<>();
        numbers.subscribe(new Flow.Subscriber<Integer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                throw new IllegalStateException("a subscriber that breaks rule 2.13");
            }

            @Override
            public void onError(Throwable throwable) {
                ended.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                ended.complete(null);
            }
        });

        await(() -> streaming.lastProducer().cancelled());
        assertThat(ended.isDone()).isFalse(); // nothing more is delivered to it
    }

    @Test
    void theHostPassesAStreamFromASubmissionPublisher() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        SubmissionPublisher<Integer> numbers = new SubmissionPublisher<>(executor, 8);
        try {
            CompletableFuture<Long> sum = CompletableFuture.supplyAsync(() -> streaming.sum(numbers));
            await(() -> numbers.getNumberOfSubscribers() == 1);
            for (int i = 1; i <= 10_000; i++) {
                numbers.submit(i); // blocks while the subscriber's buffer of 8 is full: back-pressure
            }
            numbers.close();

            assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(50_005_000L);
        } finally {
            numbers.close();
            executor.shutdownNow();
        }
    }

    /**
     * The host cancels a call while its method sends the host calls of its own: the method's thread
     * is interrupted, often in the middle of writing one of those 900 KB frames to a pipe that holds
     * 64 KiB. The connection, shared by every call, stays open (on a channel in blocking mode, such
     * an interrupt closed it).
     */
    @Test
    void aCallCancelledWhileItsMethodCallsTheHostLeavesTheConnectionOpen() throws Exception {
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 20; i++) {
                Future<Integer> call = callers.submit(() -> streaming.callBackUntilCancelled(900_000));
                Thread.sleep(5 + i);
                call.cancel(true);
                assertThat(streaming.sum(new RangePublisher<>(3, n -> n))).isEqualTo(3L); // the same connection
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(streaming.sum(new RangePublisher<>(100, i -> i))).isEqualTo(4_950L);
    }

    @Test
    void theExtensionPassesAStreamToAHostCallback() {
        assertThat(streaming.feedSink(1_000)).isEqualTo(1_000L);
        assertThat(SINK_SUMS).isNotEmpty();
    }

    @Test
    void aRemoteStreamCanBeSubscribedOnce() throws Exception {
        Flow.Publisher<Integer> numbers = streaming.range(3);
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>(Long.MAX_VALUE);
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>(Long.MAX_VALUE);
        numbers.subscribe(first);
        numbers.subscribe(second);

        assertThat(first.awaitEnd()).isNull();
        assertThat(first.items).containsExactly(0, 1, 2).inOrder();
        assertThat(second.awaitEnd()).isInstanceOf(IllegalStateException.class);
        assertThat(second.violations).isEmpty();
    }

    @Test
    void aRequestForNoItemsEndsTheStreamWithIllegalArgumentException() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(0);
        streaming.range(-1).subscribe(subscriber);
        await(() -> subscriber.subscription != null);

        subscriber.subscription.request(0);

        Throwable error = subscriber.awaitEnd();
        assertThat(error).isInstanceOf(IllegalArgumentException.class);
        assertThat(error).hasMessageThat().contains("rule 3.9");
        assertThat(subscriber.items).isEmpty();
        assertThat(subscriber.violations).isEmpty();
    }

    @Test
    void closingTheConnectionEndsAnOpenStream() throws Exception {
        InProcessExtension<Streaming> other = InProcessExtension.start(Streaming.class, new StreamingExtension());
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(4);
        other.proxy().range(-1).subscribe(subscriber);
        await(() -> subscriber.count() == 4);

        other.close();

        assertThat(subscriber.awaitEnd()).isNotNull();
        assertThat(subscriber.violations).isEmpty();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(5);
        }
    }
}
