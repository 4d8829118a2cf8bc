package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionState;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.HealthCheck;
import dev.isolate4j.Remote;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child that stops answering is noticed by its health check, and the handle shows the child's
 * threads: real children, sandboxed, stopped with SIGSTOP as a hung JVM would be.
 */
class HealthTest {
    @TempDir
    Path envRoot;

    ExtensionManager<TestExtension> manager;

    @BeforeEach
    void createManager() {
        manager = Fixtures.manager(envRoot);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aStoppedChildIsEndedAndRestartedAndItsPendingCallSaysWhy() throws Exception {
        TestExtension extension = manager.loadExtension(Fixtures.config("stopped")
                .healthCheck(HealthCheck.every(Duration.ofMillis(500)).restartWhenUnresponsive())
                .restartPolicy(RestartPolicy.onCrash(1))
                .build());
        ExtensionHandle handle = ExtensionHandle.of(extension);
        long before = handle.pid();
        CompletableFuture<String> pending = extension.echoLater("never", 60_000).toCompletableFuture();
        signal(before, "STOP");

        ExtensionTerminatedException e = findTerminated(assertThrows(CompletionException.class, pending::join));

        assertThat(e).hasMessageThat().contains("stopped answering");
        assertThat(e).hasMessageThat().contains("HealthCheck interval is 500 ms");
        Await.until(
                "the extension restarted",
                Duration.ofSeconds(30),
                () -> handle.state() == ExtensionState.RUNNING && handle.pid() != before);
        assertThat(extension.echo("after")).isEqualTo("after");
        ProcessHandle old = ProcessHandle.of(before).orElse(null);
        assertThat(old == null || ChildProcesses.awaitGone(old, Duration.ofSeconds(10)))
                .isTrue();
    }

    @Test
    void aStoppedChildIsLoggedOnceAndAgainWhenItAnswers() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        TestExtension extension = manager.loadExtension(Fixtures.config("paused")
                .healthCheck(HealthCheck.every(Duration.ofMillis(300)))
                .build());
        long pid = ExtensionHandle.of(extension).pid();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            signal(pid, "STOP");
            Await.until(
                    "the silence is logged",
                    Duration.ofSeconds(10),
                    () -> captured.toString(StandardCharsets.UTF_8)
                            .contains("extension 'paused' (pid " + pid + ") stopped answering"));
            signal(pid, "CONT");
            Await.until(
                    "the answer is logged",
                    Duration.ofSeconds(10),
                    () -> captured.toString(StandardCharsets.UTF_8)
                            .contains("extension 'paused' (pid " + pid + ") answers again"));
        } finally {
            System.setErr(originalErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.split("stopped answering", -1)).hasLength(2); // once, not at every probe
        assertThat(extension.echo("still the same child")).isEqualTo("still the same child");
        assertThat(ExtensionHandle.of(extension).pid()).isEqualTo(pid);
    }

    @Test
    void theThreadDumpShowsWhereTheExtensionIsBusy() throws Exception {
        TestExtension extension = manager.loadExtension(Fixtures.config("busy").build());
        ExtensionHandle handle = ExtensionHandle.of(extension);
        Chatter chatter = handle.createCaller(Chatter.class, "chatter");
        Chatter patient = Remote.withTimeout(chatter, Duration.ofSeconds(20));
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> patient.blockUntilInterrupted("dump"));
        Await.until(
                "the call is blocked in the extension",
                Duration.ofSeconds(10),
                () -> chatter.observed().contains("started:dump"));

        String dump = handle.threadDump();

        assertThat(dump).contains("blockUntilInterrupted");
        assertThat(dump).contains("\"main\"");
        assertThat(dump).containsMatch("\"isolate4j-[^\"]*\"");
        blocked.cancel(true);
    }

    @Test
    void anIdleChildHasNoThreadsToShow() throws Exception {
        TestExtension extension = manager.loadExtension(
                Fixtures.config("napping").idleTimeout(Duration.ofMillis(200)).build());
        ExtensionHandle handle = ExtensionHandle.of(extension);
        Await.until("the child parked", Duration.ofSeconds(10), () -> handle.state() == ExtensionState.IDLE);

        ExtensionTerminatedException e = assertThrows(ExtensionTerminatedException.class, handle::threadDump);

        assertThat(e).hasMessageThat().contains("is not running (IDLE)");
    }

    private static ExtensionTerminatedException findTerminated(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExtensionTerminatedException terminated) {
                return terminated;
            }
        }
        throw new AssertionError("no ExtensionTerminatedException in", t);
    }

    /** Sends {@code signal} to the child JVM, as a hung or paused JVM would be. */
    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
