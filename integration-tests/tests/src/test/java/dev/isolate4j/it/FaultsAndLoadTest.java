package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.Remote;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many extensions under load, a stalled one, a flooding one, stops mid-call, and what close() leaves. */
class FaultsAndLoadTest {
    @TempDir
    Path envRoot;

    @Test
    void tenExtensionsUnderConcurrentLoadAnswerEveryCallCorrectly() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            List<Chatter> chatters = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                chatters.add(chatter(
                        manager.loadExtension(Fixtures.config("loaded-" + i).build())));
            }
            ExecutorService threads = Executors.newFixedThreadPool(20);
            AtomicLong checked = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    long base = t * 1_000_000_000L;
                    runs.add(threads.submit(() -> {
                        for (long i = 0; System.nanoTime() < deadline; i++) {
                            Chatter chatter = chatters.get((int) ((base / 1_000_000_000L + i) % chatters.size()));
                            assertThat(chatter.add(base, i)).isEqualTo(base + i);
                            checked.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(checked.get()).isGreaterThan(1_000L);
        }
    }

    @Test
    void aStalledExtensionDoesNotBlockCallsToOthers() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension stalled =
                    manager.loadExtension(Fixtures.config("stalled").build());
            Chatter healthy =
                    chatter(manager.loadExtension(Fixtures.config("healthy").build()));
            long pid = stalled.pid();
            signal("STOP", pid); // it reads nothing any more: its socket buffer fills up
            try {
                TestExtension patient = Remote.withTimeout(stalled, Duration.ofSeconds(30));
                String big = "x".repeat(4 << 20);
                CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> patient.echo(big));

                for (int i = 0; i < 100; i++) {
                    assertThat(healthy.add(i, 1)).isEqualTo(i + 1);
                }
                assertWithMessage(
                                "the call to the stopped child ended: %s",
                                blocked.handle((result, failure) -> failure == null
                                                ? "with " + result.length() + " chars"
                                                : failure.toString())
                                        .getNow("not yet"))
                        .that(blocked.isDone())
                        .isFalse();
            } finally {
                signal("CONT", pid);
            }
            assertThat(stalled.echo("awake")).isEqualTo("awake");
        }
    }

    @Test
    void aFloodingExtensionDoesNotGrowTheHostsMemory() throws Exception {
        try (HostJvm host = HostJvm.start(
                HostMain.FLOOD, envRoot, List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Xmx256m"))) {
            String line = host.awaitLine(l -> l.startsWith(HostMain.HEAP_PREFIX), Duration.ofSeconds(120));
            String[] heap = line.substring(HostMain.HEAP_PREFIX.length()).trim().split(" ");
            long before = Long.parseLong(heap[0]);
            long after = Long.parseLong(heap[1]);

            // 200 MB went through the host's pump; what it keeps is a bounded tail of lines.
            assertThat(after - before).isLessThan(32L << 20);
            assertThat(host.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
        }
    }

    @Test
    void stopDuringInFlightCallsFailsThemCleanly() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("busy").build());
            List<CompletionStage<String>> pending = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pending.add(extension.echoLater("late " + i, 60_000));
            }

            manager.stopExtension("busy");

            for (CompletionStage<String> call : pending) {
                ExecutionException e = assertThrows(
                        ExecutionException.class,
                        () -> call.toCompletableFuture().get(10, TimeUnit.SECONDS));
                assertThat(e).hasCauseThat().isInstanceOf(ExtensionTerminatedException.class);
                assertThat(e).hasCauseThat().hasMessageThat().contains("'busy' was stopped");
            }
        }
    }

    @Test
    void closeLeavesNoThreadsFileDescriptorsSocketsOrSharedMemoryBehind() throws Exception {
        // Warm up once: the runtime's few process-wide threads (timers, cleaner) start on first use.
        try (ExtensionManager<TestExtension> warmup = Fixtures.manager(envRoot.resolve("warmup"))) {
            warmup.loadExtension(Fixtures.config("warmup").sharedMemory(true).build())
                    .echo("warm");
        }
        Thread.sleep(500);
        int threadsBefore = isolate4jThreads();
        long descriptorsBefore = openDescriptors();
        long buffersBefore = sharedMemoryFiles();

        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot.resolve("measured"))) {
            for (int i = 0; i < 3; i++) {
                TestExtension extension = manager.loadExtension(
                        Fixtures.config("counted-" + i).sharedMemory(true).build());
                chatter(extension).emit("tick", "x", 3);
                assertThat(extension.echo("in use")).isEqualTo("in use");
            }
        }

        Await.until("the manager's threads end", Duration.ofSeconds(10), () -> isolate4jThreads() <= threadsBefore);
        Await.until("the descriptors are closed", Duration.ofSeconds(10), () -> openDescriptors() <= descriptorsBefore);
        assertThat(sharedMemoryFiles()).isAtMost(buffersBefore);
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .count())
                .isEqualTo(0);
    }

    private static Chatter chatter(TestExtension extension) {
        return ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isEqualTo(0);
    }

    private static int isolate4jThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("isolate4j-"))
                .filter(thread -> !thread.getName().startsWith("isolate4j-call-timeouts"))
                .filter(thread -> !thread.getName().startsWith("isolate4j-reference-cleaner"))
                .count();
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long sharedMemoryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("isolate4j-"))
                    .count();
        }
    }
}
