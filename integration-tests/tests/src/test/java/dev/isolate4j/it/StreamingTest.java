package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.internal.child.ChildMain;
import dev.isolate4j.it.api.StreamWorker;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams through real children in the default configuration (the sandbox on where bubblewrap
 * runs): bounded memory whatever the length, and the end of every open stream when a child dies.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamingTest {
    private static final int CHUNK_BYTES = 64 << 10;

    @TempDir
    Path envRoot;

    ExtensionManager<TestExtension> manager;

    @BeforeEach
    void createManager() {
        manager = Fixtures.manager(envRoot);
    }

    @AfterEach
    void closeManager() {
        manager.close();
        ProcessHandle.current()
                .children()
                .filter(p -> p.info().commandLine().orElse("").contains(ChildMain.class.getName()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void tenGibibytesCrossAChildWithA64MiBHeapBothWays() throws Exception {
        TestExtension extension =
                manager.loadExtension(Fixtures.config("relay").maxHeap("64m").build());
        StreamWorker worker = ExtensionHandle.of(extension).createCaller(StreamWorker.class, "streams");
        long chunks = (10L << 30) / CHUNK_BYTES;
        byte[] chunk = new byte[CHUNK_BYTES];
        SubmissionPublisher<byte[]> input = new SubmissionPublisher<>();
        CountingSubscriber output = new CountingSubscriber();

        // Host -> child -> host: the child receives each chunk and sends it on.
        worker.relay(input).subscribe(output);
        Thread feeder = new Thread(() -> {
            // A SubmissionPublisher drops what is submitted before anyone subscribes: the relay
            // subscribes when the host's subscriber first requests.
            while (input.getNumberOfSubscribers() == 0) {
                Thread.onSpinWait();
            }
            for (long i = 0; i < chunks; i++) {
                input.submit(chunk); // blocks while the subscriber's buffer is full
            }
            input.close();
        });
        feeder.start();
        long start = System.nanoTime();

        assertThat(output.done.get(4, TimeUnit.MINUTES)).isNull();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(output.bytes.get()).isEqualTo(chunks * CHUNK_BYTES);
        assertThat(output.violations.get()).isFalse();
        assertThat(ExtensionHandle.of(extension).isAlive()).isTrue();
        System.out.printf("10 GiB relayed through a 64m child in %.1f s (%.0f MiB/s)%n", seconds, 10240 / seconds);

        // Child -> host, made as it is requested.
        CountingSubscriber made = new CountingSubscriber();
        worker.chunks(chunks, CHUNK_BYTES).subscribe(made);
        assertThat(made.done.get(4, TimeUnit.MINUTES)).isNull();
        assertThat(made.bytes.get()).isEqualTo(chunks * CHUNK_BYTES);
        assertThat(ExtensionHandle.of(extension).isAlive()).isTrue();
    }

    @Test
    void aChildThatStreamedKeepsNoThreadOfTheJdksCommonPoolOrDelayScheduler() throws Exception {
        TestExtension extension =
                manager.loadExtension(Fixtures.config("streamed").build());
        ExtensionHandle handle = ExtensionHandle.of(extension);
        StreamWorker worker = handle.createCaller(StreamWorker.class, "streams");

        CountingSubscriber output = new CountingSubscriber();
        worker.chunks(8, 1024).subscribe(output);
        assertThat(output.done.get(30, TimeUnit.SECONDS)).isNull();
        assertThat(output.bytes.get()).isEqualTo(8 * 1024L);

        // The stream's subscription deadline is kept by the runtime's own sweeper: a child that
        // exported a stream does not hold two of the JDK's threads for the rest of its life, and
        // leaves the common pool to the extension.
        String dump = handle.threadDump();
        assertThat(dump).contains("isolate4j-stream-deadlines");
        assertThat(dump).doesNotContain("CompletableFutureDelayScheduler");
        assertThat(dump).doesNotContain("ForkJoinPool.commonPool-worker");
    }

    @Test
    void aChildThatDiesMidStreamEndsItWithExtensionTerminatedException() throws Exception {
        TestExtension extension =
                manager.loadExtension(Fixtures.config("halting").build());
        StreamWorker worker = ExtensionHandle.of(extension).createCaller(StreamWorker.class, "streams");
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        AtomicLong received = new AtomicLong();

        worker.tokensThenHalt(100).subscribe(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                received.incrementAndGet();
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(error);
            }

            @Override
            public void onComplete() {
                ended.complete(null);
            }
        });

        Throwable error = ended.get(30, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(ExtensionTerminatedException.class);
        assertThat(error).hasMessageThat().contains("halting");
        assertThat(received.get()).isAtMost(100L);
    }

    @Test
    void aChildThatDiesWhileReadingTheHostsStreamCancelsIt() throws Exception {
        TestExtension extension =
                manager.loadExtension(Fixtures.config("halting-reader").build());
        StreamWorker worker = ExtensionHandle.of(extension).createCaller(StreamWorker.class, "streams");
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        AtomicLong sent = new AtomicLong();
        Flow.Publisher<byte[]> endless = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                for (long i = 0; i < n && !cancelled.isDone(); i++) {
                    sent.incrementAndGet();
                    subscriber.onNext(new byte[16]);
                }
            }

            @Override
            public void cancel() {
                cancelled.complete(null);
            }
        });

        CompletableFuture<Long> consumed = worker.consumeThenHalt(endless, 50);

        cancelled.get(30, TimeUnit.SECONDS);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> consumed.get(30, TimeUnit.SECONDS));
        assertThat(failure).hasCauseThat().isInstanceOf(ExtensionTerminatedException.class);
        assertThat(sent.get()).isAtLeast(50L);
    }

    /** Counts bytes and checks that no more arrive than were requested. */
    static final class CountingSubscriber implements Flow.Subscriber<byte[]> {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicBoolean violations = new AtomicBoolean();
        private Flow.Subscription subscription;
        private long demand;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            demand = 16;
            s.request(16);
        }

        @Override
        public void onNext(byte[] item) {
            if (--demand < 0) {
                violations.set(true);
            }
            bytes.addAndGet(item.length);
            if (demand == 8) {
                demand += 8;
                subscription.request(8);
            }
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
