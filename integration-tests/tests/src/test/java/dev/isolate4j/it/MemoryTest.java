package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ExtensionMemory;
import dev.isolate4j.ExtensionState;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.HardLimits;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.Clock;
import dev.isolate4j.it.api.HostCounter;
import dev.isolate4j.it.api.HostService;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a host can plan for about its children's memory, in the default configuration (sandboxed
 * where bubblewrap runs): a heap limit that ends a child at once, arguments too large for it that
 * fail alone, hard limits through cgroups, idle children stopped and woken by their next call, and
 * a budget of running children.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemoryTest {
    private static final Duration AWAIT = Duration.ofSeconds(20);

    @TempDir
    Path envRoot;

    @Test
    void aChildOutOfHeapEndsAtOnceAndItsCallSaysOutOfMemoryThenTheRestartPolicyApplies() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(Fixtures.config("hoarder")
                    .maxHeap("64m")
                    .callTimeout(Duration.ofSeconds(60))
                    .restartPolicy(RestartPolicy.onCrash(1))
                    .build());
            long firstPid = extension.pid();

            // A call timeout would be a CallTimeoutException after 60 s: the child must end first.
            ExtensionTerminatedException e =
                    assertThrows(ExtensionTerminatedException.class, () -> extension.hoard(200));

            assertThat(e).hasMessageThat().contains("ran out of memory (its maxHeap is 64m)");
            assertThat(e).hasMessageThat().contains("java.lang.OutOfMemoryError");
            ExtensionHandle handle = ExtensionHandle.of(extension);
            Await.until("a restart after the crash", AWAIT, () -> handle.state() == ExtensionState.RUNNING);
            assertThat(extension.pid()).isNotEqualTo(firstPid);
            assertThat(extension.hoard(8)).isEqualTo(8); // a fresh heap
        }
    }

    @Test
    void anArgumentTooLargeForTheChildsHeapFailsThatCallAloneWithTheSizes() {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(
                    Fixtures.config("small").maxHeap("64m").build());
            long pid = extension.pid();

            RemoteCallException e =
                    assertThrows(RemoteCallException.class, () -> extension.length("x".repeat(40 << 20)));

            assertThat(e).isNotInstanceOf(ExtensionTerminatedException.class);
            assertThat(e).hasMessageThat().contains("the call's arguments were refused by extension 'small'");
            assertThat(e).hasMessageThat().contains("of heap to read, and extension 'small' has");
            assertThat(e).hasMessageThat().contains("raise its ExtensionConfig.maxHeap");
            assertThat(extension.pid()).isEqualTo(pid);
            assertThat(extension.length("x".repeat(1 << 20))).isEqualTo(1 << 20);
        }
    }

    @Test
    void statisticsShowTheChildsResidentSetAndHeap() {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(
                    Fixtures.config("measured").maxHeap("256m").build());
            extension.hoard(16);

            ExtensionMemory memory = ExtensionHandle.of(extension).statistics().memory();

            assertThat(memory.known()).isTrue();
            assertThat(memory.rssBytes()).isGreaterThan(16L << 20);
            assertThat(memory.heapUsedBytes()).isAtLeast(16L << 20);
            assertThat(memory.heapCommittedBytes()).isAtLeast(memory.heapUsedBytes());
            assertThat(memory.heapMaxBytes()).isAtMost(256L << 20);
            assertThat(memory.heapMaxBytes()).isGreaterThan(200L << 20);
        }
    }

    /** Needs cgroups, which this project's machines give (root, v1 controllers); a load that cannot fails. */
    @Test
    void aChildOverItsHardMemoryLimitIsKilledByTheKernelAndTheCallSaysSo() {
        HardLimits limits = HardLimits.builder().memory("192m").build();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(Fixtures.config("native")
                    .maxHeap("128m")
                    .hardLimits(limits)
                    // Direct memory outside -Xmx's reach: only the hard limit stops it.
                    .jvmArgs(List.of("-XX:MaxDirectMemorySize=2g"))
                    .build());
            extension.hoardNative(16);

            ExtensionTerminatedException e =
                    assertThrows(ExtensionTerminatedException.class, () -> extension.hoardNative(400));

            assertThat(e).hasMessageThat().contains("ran out of memory: the kernel killed it at its hard memory limit");
            assertThat(e).hasMessageThat().contains("192 MiB");
        }
    }

    @Test
    void anIdleChildIsStoppedAndItsNextCallStartsItAgainWithItsHooks() throws Exception {
        HostSingletons.register();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            manager.registerCallee(HostService.class, new Doubler(), "doubler");
            TestExtension extension = manager.loadExtension(Fixtures.config("sleepy")
                    .idleTimeout(Duration.ofMillis(500))
                    .apis(HostCounter.class)
                    .env(Map.of("FIXTURE_USE_COUNTER", "yes"))
                    .build());
            ExtensionHandle handle = ExtensionHandle.of(extension);
            Clock clock = handle.createCaller(Clock.class, "clock");
            Chatter chatter = handle.createCaller(Chatter.class, "chatter");
            long firstPid = extension.pid();
            assertThat(clock.ticks()).isEqualTo(1);

            Await.until("the idle child to stop", AWAIT, () -> handle.state() == ExtensionState.IDLE);
            Await.until("its process to end", AWAIT, () -> !Fixtures.running(firstPid));
            assertThat(handle.isAlive()).isFalse();

            long secondPid = extension.pid(); // the same proxy wakes it
            assertThat(secondPid).isNotEqualTo(firstPid);
            assertThat(handle.state()).isEqualTo(ExtensionState.RUNNING);
            assertThat(extension.lifecycle())
                    .containsAtLeast("beforeModuleLoaded", "onModuleLoaded:sleepy:FixtureExtension");
            assertThat(extension.lifecycle().stream().filter(step -> step.startsWith("counter:")))
                    .hasSize(1);
            assertThat(clock.ticks()).isEqualTo(1); // the callee its hooks registered again, fresh
            assertThat(chatter.callHostService("doubler", 21)).isEqualTo(42); // the host's callee
        }
    }

    private static final class Doubler implements HostService {
        @Override
        public long twice(long value) {
            return 2 * value;
        }

        @Override
        public long hostPid() {
            return ProcessHandle.current().pid();
        }
    }

    @Test
    void aCallInProgressKeepsTheChildRunningPastItsIdleTimeout() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension = manager.loadExtension(
                    Fixtures.config("busy").idleTimeout(Duration.ofMillis(300)).build());
            long pid = extension.pid();

            CompletionStage<String> slow = extension.echoLater("done", 2_000);

            assertThat(slow.toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo("done");
            assertWithMessage("the child that answered").that(extension.pid()).isEqualTo(pid);
        }
    }

    @Test
    void beyondMaxRunningChildrenTheLeastRecentlyUsedIdleChildStopsNeverABusyOne() throws Exception {
        ExtensionManagerConfig config = ExtensionManagerConfig.builder()
                .envRootPath(envRoot)
                .maxRunningChildren(2)
                .build();
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(TestExtension.class, config)) {
            TestExtension a = manager.loadExtension(Fixtures.config("a").build());
            TestExtension b = manager.loadExtension(Fixtures.config("b").build());
            a.pid(); // a is now more recent than b
            TestExtension c = manager.loadExtension(Fixtures.config("c").build());

            assertThat(states(manager))
                    .containsExactly(
                            "a", ExtensionState.RUNNING, "b", ExtensionState.IDLE, "c", ExtensionState.RUNNING);

            // c is older than a now, but busy: waking b stops a instead.
            CompletionStage<String> slow = c.echoLater("still here", 3_000);
            Thread.sleep(100);
            b.pid();

            assertThat(states(manager))
                    .containsExactly(
                            "a", ExtensionState.IDLE, "b", ExtensionState.RUNNING, "c", ExtensionState.RUNNING);
            assertThat(slow.toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo("still here");
            assertThat(a.echo("awake")).isEqualTo("awake");
        }
    }

    private static Map<String, ExtensionState> states(ExtensionManager<TestExtension> manager) {
        return Map.of(
                "a", manager.handle("a").state(),
                "b", manager.handle("b").state(),
                "c", manager.handle("c").state());
    }

    @Test
    void aMaxHeapThatDoesNotFitTheHardMemoryLimitIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Fixtures.config("x")
                        .hardLimits(HardLimits.builder().memory("256m").build())
                        .build());

        assertThat(e).hasMessageThat().contains("maxHeap 512m does not fit in its hard memory limit");
    }
}
