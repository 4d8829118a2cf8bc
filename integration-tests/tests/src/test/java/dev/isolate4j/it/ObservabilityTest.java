package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.CallTimeoutException;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionStatistics;
import dev.isolate4j.Remote;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JFR events for calls and lifecycle, recorded to a file and read back. */
class ObservabilityTest {
    @TempDir
    Path tmp;

    @Test
    void callsAndLifecycleAreRecordedAsJfrEvents() throws Exception {
        Path file = tmp.resolve("isolate4j.jfr");
        long stoppedPid;
        long crashedPid;
        long restartedPid;
        try (Recording recording = new Recording()) {
            recording.enable("dev.isolate4j.Call");
            recording.enable("dev.isolate4j.ExtensionLifecycle");
            recording.start();
            try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
                TestExtension observed =
                        manager.loadExtension(Fixtures.config("observed").build());
                Chatter chatter = ExtensionHandle.of(observed).createCaller(Chatter.class, "chatter");
                assertThat(observed.echo("x".repeat(1_000))).hasLength(1_000);
                assertThat(observed.pidAsync().get(10, TimeUnit.SECONDS)).isGreaterThan(0L);
                assertThrows(RemoteMethodException.class, () -> observed.fail("recorded"));
                assertThrows(
                        CallTimeoutException.class,
                        () -> Remote.withTimeout(chatter, Duration.ofMillis(200))
                                .blockUntilInterrupted("jfr"));
                stoppedPid = observed.pid();

                TestExtension doomed = manager.loadExtension(Fixtures.config("doomed")
                        .restartPolicy(RestartPolicy.onCrash(1))
                        .build());
                crashedPid = doomed.pid();
                ProcessHandle.of(crashedPid).orElseThrow().destroyForcibly();
                Await.until("the extension is back", Duration.ofSeconds(30), () -> {
                    ExtensionHandle handle = ExtensionHandle.of(doomed);
                    return handle.isAlive() && handle.pid() != crashedPid;
                });
                restartedPid = ExtensionHandle.of(doomed).pid();
            }
            recording.stop();
            recording.dump(file);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> calls = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.isolate4j.Call"))
                .filter(e -> "observed".equals(e.getString("connection")))
                .toList();
        assertThat(calls.stream()
                        .map(e -> e.getString("method") + ":" + e.getString("outcome"))
                        .toList())
                .containsAtLeast("echo:ok", "pidAsync:ok", "fail:error", "blockUntilInterrupted:timeout");
        RecordedEvent echo = calls.stream()
                .filter(e -> e.getString("method").equals("echo"))
                .findFirst()
                .orElseThrow();
        assertThat(echo.getLong("requestBytes")).isAtLeast(1_000L);
        assertThat(echo.getString("object")).isEqualTo("isolate4j.extension");
        assertThat(echo.getDuration().isNegative()).isFalse();

        List<String> lifecycle = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.isolate4j.ExtensionLifecycle"))
                .map(e -> e.getString("extension") + ":" + e.getString("change") + ":" + e.getLong("pid"))
                .toList();
        assertThat(lifecycle)
                .containsAtLeast(
                        "observed:start:" + stoppedPid,
                        "observed:stop:" + stoppedPid,
                        "doomed:start:" + crashedPid,
                        "doomed:crash:" + crashedPid,
                        "doomed:restart:" + restartedPid);
    }

    @Test
    void eachRunningChildsMemoryIsAPeriodicJfrEvent() throws Exception {
        Path file = tmp.resolve("memory.jfr");
        long pid;
        try (Recording recording = new Recording()) {
            recording.enable("dev.isolate4j.ExtensionMemory").withPeriod(Duration.ofMillis(100));
            recording.start();
            try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
                TestExtension extension =
                        manager.loadExtension(Fixtures.config("remembered").build());
                pid = extension.pid();
                extension.hoard(16);
                Thread.sleep(1_000);
            }
            recording.stop();
            recording.dump(file);
        }

        List<RecordedEvent> memory = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.isolate4j.ExtensionMemory"))
                .filter(e -> "remembered".equals(e.getString("extension")))
                .toList();
        assertThat(memory).isNotEmpty();
        RecordedEvent last = memory.get(memory.size() - 1);
        assertThat(last.getLong("pid")).isEqualTo(pid);
        assertThat(last.getLong("rss")).isGreaterThan(16L << 20);
        assertThat(last.getLong("heapUsed")).isAtLeast(16L << 20);
        assertThat(last.getLong("heapMax")).isAtLeast(last.getLong("heapCommitted"));
    }

    @Test
    void handleCountsCallsErrorsAndLatencies() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("counted").build());
            Chatter chatter = ExtensionHandle.of(extension).createCaller(Chatter.class, "chatter");
            ExtensionStatistics before = manager.handle("counted").statistics();

            for (int i = 0; i < 200; i++) {
                chatter.add(i, i);
            }
            extension.pidAsync().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                assertThrows(RemoteMethodException.class, () -> extension.fail("counted"));
            }
            ExtensionStatistics after = manager.handle("counted").statistics();

            assertThat(after.calls() - before.calls()).isEqualTo(204);
            assertThat(after.errors() - before.errors()).isEqualTo(3);
            assertThat(after.p50().isZero()).isFalse();
            assertThat(after.p99()).isAtLeast(after.p50());
            assertThat(after.mean().isZero()).isFalse();
        }
    }

    @Test
    void nothingIsRecordedWhenNoRecordingAsksForTheEvents() throws Exception {
        Path file = tmp.resolve("other.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadStart"); // a recording, but not of isolate4j's events
            recording.start();
            try (ExtensionManager<TestExtension> manager = Fixtures.manager(tmp.resolve("env"))) {
                manager.loadExtension(Fixtures.config("quiet").build()).echo("unrecorded");
            }
            recording.stop();
            recording.dump(file);
        }

        assertThat(RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().startsWith("dev.isolate4j"))
                        .count())
                .isEqualTo(0);
    }
}
