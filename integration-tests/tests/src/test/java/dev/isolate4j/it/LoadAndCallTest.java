package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.it.api.Clock;
import dev.isolate4j.it.api.Measurement;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real extension jar, loaded into a real child JVM, called every way the foundation offers. */
class LoadAndCallTest {
    @TempDir
    static Path envRoot;

    static ExtensionManager<TestExtension> manager;
    static TestExtension extension;

    @BeforeAll
    static void load() {
        manager = Fixtures.manager(envRoot);
        extension = manager.loadExtension(Fixtures.config("fixture").build());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void runsInAnotherProcess() {
        long childPid = extension.pid();

        assertThat(childPid).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(childPid).isEqualTo(ExtensionHandle.of(extension).pid());
        assertThat(Fixtures.running(childPid)).isTrue();
        // Its parent is this JVM, or the sandbox's bubblewrap, whose parent this JVM is.
        assertThat(ProcessHandle.current()
                        .descendants()
                        .mapToLong(ProcessHandle::pid)
                        .boxed()
                        .toList())
                .contains(childPid);
    }

    @Test
    void blockingCallReturnsTheResult() {
        assertThat(extension.echo("héllo, wörld")).isEqualTo("héllo, wörld");
        assertThat(extension.echo("")).isEmpty();
    }

    @Test
    void asyncCallsCompleteFutures() throws Exception {
        assertThat(extension.pidAsync().get(10, TimeUnit.SECONDS)).isEqualTo(extension.pid());
        assertThat(extension.echoLater("later", 50).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo("later");
    }

    @Test
    void hooksRanInOrderBeforeLoadReturned() {
        assertThat(extension.lifecycle())
                .containsExactly("constructor", "beforeModuleLoaded", "onModuleLoaded:fixture:FixtureExtension")
                .inOrder();
    }

    @Test
    void applicationRecordsAndEnumsCross() {
        Measurement measurement = extension.measure(List.of(1.0, 2.0, 6.0));

        assertThat(measurement).isEqualTo(new Measurement(3, 3.0, Measurement.Unit.METRES));
    }

    @Test
    void remoteExceptionKeepsClassMessageAndRemoteFrames() {
        RemoteMethodException e = assertThrows(RemoteMethodException.class, () -> extension.fail("boom"));

        assertThat(e.remoteClassName()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(e.remoteMessage()).isEqualTo("boom");
        assertThat(Arrays.stream(e.getStackTrace())
                        .map(StackTraceElement::getClassName)
                        .toList())
                .contains("dev.isolate4j.it.extension.FixtureExtension");
    }

    @Test
    void localExecutionMethodRunsInTheCallersProcess() {
        String description = extension.describe();

        assertThat(description)
                .startsWith("called in " + ProcessHandle.current().pid() + ",");
        assertThat(description).endsWith("extension in " + extension.pid());
    }

    @Test
    void hostReachesCalleesTheExtensionRegistered() {
        Clock clock = ExtensionHandle.of(extension).createCaller(Clock.class, "clock");

        long first = clock.ticks();
        assertThat(clock.ticks()).isEqualTo(first + 1);
    }

    @Test
    void managerListsTheExtension() {
        Map<String, TestExtension> loaded = manager.extensions();

        assertThat(loaded).containsExactly("fixture", extension);
        assertThat(manager.handle("fixture").name()).isEqualTo("fixture");
        assertThat(manager.handle("fixture").isAlive()).isTrue();
    }

    @Test
    void stopEndsTheProcessAndRemovesTheSocket(@TempDir Path tmp) throws Exception {
        Path marker = tmp.resolve("stopped.txt");
        TestExtension second = manager.loadExtension(Fixtures.config("to-stop")
                .env(Map.of("FIXTURE_STOP_MARKER", marker.toString()))
                .sandbox(Fixtures.writing(tmp)) // its stop hook writes the marker there
                .build());
        long pid = second.pid();
        Path socket = Path.of(Fixtures.optionValue(second.commandLine(), "--socket"));
        assertThat(Files.exists(socket)).isTrue();

        ExtensionHandle.of(second).stop().get(30, TimeUnit.SECONDS);

        assertThat(Fixtures.running(pid)).isFalse();
        assertThat(Files.exists(socket)).isFalse();
        assertThat(Files.exists(socket.getParent())).isFalse();
        assertThat(Files.readString(marker)).isEqualTo("stopped in " + pid);
        assertThat(manager.extensions()).doesNotContainKey("to-stop");
        ExtensionTerminatedException e = assertThrows(ExtensionTerminatedException.class, second::pid);
        assertThat(e).hasMessageThat().contains("'to-stop' was stopped");
        assertThat(extension.echo("still here")).isEqualTo("still here");
    }
}
