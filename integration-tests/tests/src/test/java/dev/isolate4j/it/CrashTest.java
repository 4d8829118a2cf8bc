package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.internal.child.ChildMain;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extension whose process dies, by its own hand or killed: what its pending and later calls
 * see, what its neighbours see, and how a restart policy brings it back.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrashTest {
    /** Pending calls wait far longer than this on their own: failing within it means the death failed them. */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(5);

    private static final long NEVER_MILLIS = 60_000;
    private static final Duration RESTART_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path envRoot;

    ExtensionManager<TestExtension> manager;

    @BeforeEach
    void createManager() {
        manager = Fixtures.manager(envRoot);
    }

    @AfterEach
    void closeManager() throws InterruptedException {
        manager.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ChildProcesses.liveChildren() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        // Whatever a failed test left behind must not outlive it.
        ProcessHandle.current()
                .children()
                .filter(p -> p.info().commandLine().orElse("").contains(ChildMain.class.getName()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void haltMidCallFailsEveryPendingCallWithTheExitStatus() throws Exception {
        TestExtension victim = manager.loadExtension(Fixtures.config("halting").build());
        Chatter chatter = ExtensionHandle.of(victim).createCaller(Chatter.class, "chatter");
        CompletableFuture<String> pendingAsync =
                victim.echoLater("never", NEVER_MILLIS).toCompletableFuture();
        AtomicReference<Throwable> blockingFailure = new AtomicReference<>();
        Thread blockingCaller = new Thread(
                () -> {
                    try {
                        chatter.blockUntilInterrupted("halt");
                    } catch (Throwable t) {
                        blockingFailure.set(t);
                    }
                },
                "blocking-caller");
        blockingCaller.setDaemon(true);
        blockingCaller.start();
        // Waiting for its result means its CALL frame was written, ahead of the halt's.
        await("the blocking call pending", FAILS_WITHIN, () -> blockingCaller.getState() == Thread.State.TIMED_WAITING);

        long start = System.nanoTime();
        ExtensionTerminatedException haltCall = assertThrows(ExtensionTerminatedException.class, () -> chatter.halt(7));
        ExtensionTerminatedException asyncFailure = terminationOf(pendingAsync);
        blockingCaller.join(FAILS_WITHIN.toMillis());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertWithMessage("time from the halt to the failure of the pending calls")
                .that(took)
                .isLessThan(FAILS_WITHIN);
        assertThat(blockingCaller.isAlive()).isFalse();
        assertThat(blockingFailure.get()).isInstanceOf(ExtensionTerminatedException.class);
        ExtensionTerminatedException blockingTermination = (ExtensionTerminatedException) blockingFailure.get();
        for (ExtensionTerminatedException e : List.of(haltCall, asyncFailure, blockingTermination)) {
            assertThat(e.extensionName()).isEqualTo("halting");
            assertThat(e.exitStatus().isPresent()).isTrue();
            assertThat(e.exitStatus().getAsInt()).isEqualTo(7);
            assertThat(e).hasMessageThat().contains("'halting' terminated unexpectedly (exit status 7)");
        }
        assertThat(ExtensionHandle.of(victim).isAlive()).isFalse();
    }

    @Test
    void terminationCarriesTheLastLinesOfStderr() throws Exception {
        TestExtension victim =
                manager.loadExtension(Fixtures.config("talkative").build());
        Chatter chatter = ExtensionHandle.of(victim).createCaller(Chatter.class, "chatter");
        CompletableFuture<String> pending =
                victim.echoLater("never", NEVER_MILLIS).toCompletableFuture();
        chatter.print("stdout", "not on stderr 456");
        chatter.print("stderr", "last words 123");

        ExtensionTerminatedException haltCall = assertThrows(ExtensionTerminatedException.class, () -> chatter.halt(3));
        ExtensionTerminatedException pendingFailure = terminationOf(pending);

        for (ExtensionTerminatedException e : List.of(haltCall, pendingFailure)) {
            assertThat(e.stderrTail()).contains("last words 123");
            assertThat(e.stderrTail()).doesNotContain("not on stderr 456");
            assertThat(e).hasMessageThat().contains("last lines of its stderr:");
            assertThat(e).hasMessageThat().contains("last words 123");
        }
    }

    @Test
    void haltAndKillFailPendingCallsAndLeaveNeighboursAnswering() throws Exception {
        TestExtension halting = manager.loadExtension(Fixtures.config("exits").build());
        TestExtension killed = manager.loadExtension(Fixtures.config("killed").build());
        TestExtension bystander =
                manager.loadExtension(Fixtures.config("bystander").build());
        Chatter bystanderChatter = ExtensionHandle.of(bystander).createCaller(Chatter.class, "chatter");
        CompletableFuture<String> pendingOnHalting =
                halting.echoLater("never", NEVER_MILLIS).toCompletableFuture();
        CompletableFuture<String> pendingOnKilled =
                killed.echoLater("never", NEVER_MILLIS).toCompletableFuture();
        CompletableFuture<String> pendingOnBystander =
                bystander.echoLater("later", 1_500).toCompletableFuture();
        ProcessHandle killedProcess = ChildProcesses.handle(killed.pid());

        Chatter haltingChatter = ExtensionHandle.of(halting).createCaller(Chatter.class, "chatter");
        assertThrows(ExtensionTerminatedException.class, () -> haltingChatter.halt(42));
        killedProcess.destroyForcibly();

        ExtensionTerminatedException exited = terminationOf(pendingOnHalting);
        ExtensionTerminatedException destroyed = terminationOf(pendingOnKilled);
        assertThat(exited.extensionName()).isEqualTo("exits");
        assertThat(exited.exitStatus().getAsInt()).isEqualTo(42);
        assertThat(destroyed.extensionName()).isEqualTo("killed");
        assertThat(destroyed.exitStatus().isPresent()).isTrue();
        assertThat(destroyed.exitStatus().getAsInt()).isEqualTo(128 + 9); // SIGKILL, as Process reports it
        assertThat(ChildProcesses.runs(killedProcess)).isFalse();

        // Later calls to the dead fail at once, with the same cause; the neighbour is untouched.
        ExtensionTerminatedException later = assertThrows(ExtensionTerminatedException.class, () -> killed.echo("?"));
        assertThat(later.extensionName()).isEqualTo("killed");
        assertThat(terminationOf(halting.pidAsync()).extensionName()).isEqualTo("exits");
        assertThat(bystander.echo("unharmed")).isEqualTo("unharmed");
        assertThat(bystanderChatter.add(20, 22)).isEqualTo(42);
        assertThat(pendingOnBystander.get(10, TimeUnit.SECONDS)).isEqualTo("later");
        assertThat(ExtensionHandle.of(bystander).isAlive()).isTrue();
        assertThat(ExtensionHandle.of(halting).isAlive()).isFalse();
        assertThat(ExtensionHandle.of(killed).isAlive()).isFalse();
    }

    @Test
    void restartPolicyBringsACrashedExtensionBackBehindTheSameProxy() throws Exception {
        TestExtension phoenix = manager.loadExtension(Fixtures.config("phoenix")
                .restartPolicy(RestartPolicy.onCrash(1))
                .build());
        ExtensionHandle handle = ExtensionHandle.of(phoenix);
        Chatter chatter = handle.createCaller(Chatter.class, "chatter");
        long firstPid = phoenix.pid();
        ProcessHandle first = ChildProcesses.handle(firstPid);

        first.destroyForcibly();
        assertThat(ChildProcesses.awaitGone(first, FAILS_WITHIN)).isTrue();
        await("a new process for 'phoenix'", RESTART_WITHIN, () -> handle.isAlive() && handle.pid() != firstPid);

        long secondPid = phoenix.pid();
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(secondPid).isEqualTo(handle.pid());
        ProcessHandle second = ChildProcesses.handle(secondPid);
        assertThat(phoenix.echo("risen")).isEqualTo("risen");
        assertThat(phoenix.lifecycle())
                .containsExactly("constructor", "beforeModuleLoaded", "onModuleLoaded:phoenix:FixtureExtension")
                .inOrder();
        assertThat(chatter.add(1, 2)).isEqualTo(3); // a caller created before the crash works too
        assertThat(manager.extensions()).containsExactly("phoenix", phoenix);

        // The policy allowed one restart: the second crash is final.
        CompletableFuture<String> pending =
                phoenix.echoLater("never", NEVER_MILLIS).toCompletableFuture();
        second.destroyForcibly();
        assertThat(terminationOf(pending).exitStatus().getAsInt()).isEqualTo(128 + 9);
        Thread.sleep(1_500); // a restart, had one been started, would be running by now
        assertThat(handle.isAlive()).isFalse();
        assertThat(handle.pid()).isEqualTo(secondPid);
        assertThat(ChildProcesses.liveChildren()).isEqualTo(0);
        assertThrows(ExtensionTerminatedException.class, () -> phoenix.echo("again"));
    }

    @Test
    void closeStopsTheRestartedProcess() throws Exception {
        TestExtension phoenix = manager.loadExtension(Fixtures.config("phoenix")
                .restartPolicy(RestartPolicy.onCrash(1))
                .build());
        ExtensionHandle handle = ExtensionHandle.of(phoenix);
        long firstPid = phoenix.pid();
        ChildProcesses.handle(firstPid).destroyForcibly();
        await("a new process for 'phoenix'", RESTART_WITHIN, () -> handle.isAlive() && handle.pid() != firstPid);
        ProcessHandle second = ChildProcesses.handle(handle.pid());

        manager.close();

        assertThat(ChildProcesses.runs(second)).isFalse();
        assertThat(manager.extensions()).isEmpty();
    }

    @Test
    void closeDuringTheRestartDelayStartsNoNewProcess() throws Exception {
        TestExtension phoenix = manager.loadExtension(Fixtures.config("phoenix")
                .restartPolicy(RestartPolicy.onCrash(1).withDelay(Duration.ofMillis(300)))
                .build());
        ProcessHandle first = ChildProcesses.handle(phoenix.pid());
        CompletableFuture<String> pending =
                phoenix.echoLater("never", NEVER_MILLIS).toCompletableFuture();
        first.destroyForcibly();
        // The crash is handled (and the restart scheduled) before pending calls are failed.
        terminationOf(pending);

        manager.close(); // while the restart waits out its delay

        // Past the delay and a launch: a restart after close would show as a child of this JVM.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000);
        while (System.nanoTime() - deadline < 0) {
            assertWithMessage("children of this JVM after close()")
                    .that(ProcessHandle.current()
                            .children()
                            .filter(ChildProcesses::runs)
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                            .toList())
                    .isEmpty();
            Thread.sleep(20);
        }
    }

    /** The {@link ExtensionTerminatedException} that {@code pending} fails with, within {@link #FAILS_WITHIN}. */
    private static ExtensionTerminatedException terminationOf(CompletableFuture<?> pending) throws Exception {
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> pending.get(FAILS_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(e).hasCauseThat().isInstanceOf(ExtensionTerminatedException.class);
        return (ExtensionTerminatedException) e.getCause();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
