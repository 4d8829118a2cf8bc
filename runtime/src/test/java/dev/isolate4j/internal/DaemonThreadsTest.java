package dev.isolate4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No runtime thread dies silently: what escapes one is logged with the thread's name. */
class DaemonThreadsTest {
    @Test
    void anExceptionThatEscapesAThreadIsLogged() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Thread started = DaemonThreads.start("isolate4j-test-dying", () -> {
                throw new IllegalStateException("escaped from a started thread");
            });
            started.join(5_000);
            CountDownLatch ran = new CountDownLatch(1);
            Thread made = DaemonThreads.factory("isolate4j-test-pool").newThread(() -> {
                ran.countDown();
                throw new IllegalStateException("escaped from a pooled thread");
            });
            made.start();
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            made.join(5_000);

            assertThat(started.isDaemon()).isTrue();
            assertThat(made.isDaemon()).isTrue();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("thread isolate4j-test-dying died of an uncaught exception");
        assertThat(log).contains("escaped from a started thread");
        assertThat(log).contains("thread isolate4j-test-pool-1 died of an uncaught exception");
        assertThat(log).contains("escaped from a pooled thread");
    }

    @Test
    void aDelayedTaskRunsAfterItsDelayUnlessItsThreadIsInterrupted() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        Thread delayed = DaemonThreads.startAfter("isolate4j-test-delayed", Duration.ofMillis(200), ran::countDown);

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - start).isAtLeast(Duration.ofMillis(200).toNanos());
        assertThat(delayed.isDaemon()).isTrue();

        CountDownLatch never = new CountDownLatch(1);
        Thread interrupted =
                DaemonThreads.startAfter("isolate4j-test-interrupted", Duration.ofMinutes(5), never::countDown);
        interrupted.interrupt();
        interrupted.join(5_000);

        assertThat(interrupted.isAlive()).isFalse();
        assertThat(never.getCount()).isEqualTo(1);
    }
}
