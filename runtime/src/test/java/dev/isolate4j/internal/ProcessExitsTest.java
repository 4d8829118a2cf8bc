package dev.isolate4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exits seen by the runtime's own threads, with real processes. */
class ProcessExitsTest {
    @Test
    void aChildsExitCompletesTheFutureOnTheWatchingThread() throws Exception {
        Process process = new ProcessBuilder("sleep", "0.2").start();
        CompletableFuture<String> completedOn = ProcessExits.watch(process, "isolate4j-test-exit")
                .thenApply(exited -> Thread.currentThread().getName());

        assertThat(completedOn.get(10, TimeUnit.SECONDS)).isEqualTo("isolate4j-test-exit");
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void processesAreGoneOnceKilledAndNotBefore() throws Exception {
        Process process = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(ProcessExits.awaitGone(List.of(process.toHandle()), Duration.ofMillis(100)))
                    .isFalse();

            process.destroyForcibly();

            assertThat(ProcessExits.gone(List.of(process.toHandle()), Duration.ofSeconds(10), "isolate4j-test-gone")
                            .get(20, TimeUnit.SECONDS))
                    .isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
