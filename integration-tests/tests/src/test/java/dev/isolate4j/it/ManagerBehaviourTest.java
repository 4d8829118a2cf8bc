package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionState;
import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the manager treats names, bad modules, failing hooks, crashes and close. */
class ManagerBehaviourTest {
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
    }

    @Test
    void stopExtensionOfUnknownNameNamesTheLoadedOnes() {
        manager.loadExtension(Fixtures.config("alpha").build());

        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> manager.stopExtension("beta"));

        assertThat(e).hasMessageThat().contains("'beta'");
        assertThat(e).hasMessageThat().contains("[alpha]");
    }

    @Test
    void duplicateNameIsRefused() {
        manager.loadExtension(Fixtures.config("twin").build());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> manager.loadExtension(Fixtures.config("twin").build()));

        assertThat(e).hasMessageThat().contains("'twin' is loaded already");
    }

    @Test
    void failingHookFailsTheLoadWithItsMessageAndLeavesNoProcess() {
        ExtensionLoadException e = assertThrows(
                ExtensionLoadException.class,
                () -> manager.loadExtension(Fixtures.config("broken")
                        .env(Map.of("FIXTURE_FAIL_ON_LOAD", "bad weather"))
                        .build()));

        assertThat(e).hasMessageThat().contains("'broken' failed to load");
        assertThat(e).hasMessageThat().contains("refusing to load: bad weather");
        assertThat(manager.extensions()).isEmpty();
        awaitNoChildren();
        assertThat(manager.loadExtension(Fixtures.config("broken").build()).echo("ok"))
                .isEqualTo("ok");
    }

    @Test
    void moduleWithoutExtensionClassIsReported(@TempDir Path emptyModule) {
        ExtensionLoadException e = assertThrows(
                ExtensionLoadException.class,
                () -> manager.loadExtension(
                        ExtensionConfig.builder("empty").modulePath(emptyModule).build()));

        assertThat(e).hasMessageThat().contains("no extension class found in " + emptyModule);
        assertThat(e).hasMessageThat().contains("@AutoService(ExtensionBase.class)");
    }

    @Test
    void moduleListingTwoExtensionClassesOrAClassThatIsNoExtensionIsReported(@TempDir Path tmp) throws Exception {
        Path two = servicesModule(tmp.resolve("two"), "com.acme.One\n# a comment\ncom.acme.Two\n");
        Path notAnExtension = servicesModule(tmp.resolve("string"), "java.lang.String\n");

        ExtensionLoadException several = assertThrows(
                ExtensionLoadException.class,
                () -> manager.loadExtension(
                        ExtensionConfig.builder("two").modulePath(two).build()));
        ExtensionLoadException wrong = assertThrows(
                ExtensionLoadException.class,
                () -> manager.loadExtension(ExtensionConfig.builder("string")
                        .modulePath(notAnExtension)
                        .build()));

        assertThat(several)
                .hasMessageThat()
                .contains("holds 2 extension classes [com.acme.One, com.acme.Two]; a module must declare exactly one");
        assertThat(wrong)
                .hasMessageThat()
                .contains("java.lang.String is listed in META-INF/services/dev.isolate4j.ExtensionBase but does not"
                        + " extend dev.isolate4j.ExtensionBase");
    }

    @Test
    void aModulePathThatIsNoJarIsReportedAsSuch(@TempDir Path tmp) throws Exception {
        // What a download that saved an error page in place of the jar leaves.
        Path notAJar = Files.writeString(tmp.resolve("extension.jar"), "<html>404 Not Found</html>");

        ExtensionLoadException shared = assertThrows(
                ExtensionLoadException.class,
                () -> manager.loadExtension(
                        ExtensionConfig.builder("not-a-jar").modulePath(notAJar).build()));
        ExtensionLoadException isolated = assertThrows(
                ExtensionLoadException.class,
                () -> manager.loadExtension(ExtensionConfig.builder("not-a-jar-isolated")
                        .modulePath(notAJar)
                        .isolated(true)
                        .build()));

        // The child finds out for a shared module, the host (reading the jar's own POM) for an isolated one.
        for (ExtensionLoadException e : List.of(shared, isolated)) {
            assertThat(e).hasMessageThat().contains("module " + notAJar + " is not a jar (");
            assertThat(e).hasMessageThat().contains("): modulePath must be a jar or a classes directory");
        }
    }

    @Test
    void aJavaHomeOlderThan17IsRefusedWithItsVersion(@TempDir Path tmp) throws Exception {
        // A JDK 11's home, as far as its release file and its bin/java say.
        Path jdk11 = Files.createDirectories(tmp.resolve("jdk-11/bin")).getParent();
        Path java = Files.writeString(jdk11.resolve("bin/java"), "#!/bin/sh\nexit 1\n");
        java.toFile().setExecutable(true);
        Files.writeString(jdk11.resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> manager.loadExtension(
                        Fixtures.config("old-java").javaHome(jdk11).build()));

        assertThat(e)
                .hasMessageThat()
                .isEqualTo("javaHome " + jdk11 + " of extension 'old-java' is Java 11.0.22, and an extension's JVM"
                        + " needs Java 17 or later, as isolate4j's runtime does; give the home directory of a JDK or"
                        + " JRE 17 or later");
        assertThat(manager.extensions()).isEmpty();
    }

    private static Path servicesModule(Path module, String services) throws IOException {
        Path file = module.resolve("META-INF/services/dev.isolate4j.ExtensionBase");
        Files.createDirectories(file.getParent());
        Files.writeString(file, services);
        return module;
    }

    @Test
    void missingModuleIsRefusedBeforeAnyProcessStarts(@TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere.jar");

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> manager.loadExtension(
                        ExtensionConfig.builder("ghost").modulePath(missing).build()));

        assertThat(e).hasMessageThat().contains("modulePath " + missing);
        assertThat(ProcessHandle.current().children().count()).isEqualTo(0);
    }

    @Test
    void dependenciesOfANonIsolatedExtensionAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Fixtures.config("deps")
                        .dependencies(List.of("com.google.guava:guava:33.0.0-jre"))
                        .build());

        assertThat(e).hasMessageThat().contains("not isolated but lists dependencies");
    }

    @Test
    void closeStopsEveryExtension() {
        long first = manager.loadExtension(Fixtures.config("one").build()).pid();
        long second = manager.loadExtension(Fixtures.config("two").build()).pid();

        manager.close();

        assertThat(Fixtures.running(first)).isFalse();
        assertThat(Fixtures.running(second)).isFalse();
        assertThat(manager.extensions()).isEmpty();
    }

    @Test
    void killedChildFailsItsPendingCallWithExitStatus() throws Exception {
        TestExtension victim = manager.loadExtension(Fixtures.config("victim").build());
        TestExtension bystander =
                manager.loadExtension(Fixtures.config("bystander").build());
        CompletionStage<String> pending = victim.echoLater("never", 60_000);

        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

        ExecutionException e = assertThrows(
                ExecutionException.class, () -> pending.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().isInstanceOf(ExtensionTerminatedException.class);
        ExtensionTerminatedException terminated = (ExtensionTerminatedException) e.getCause();
        assertThat(terminated.extensionName()).isEqualTo("victim");
        assertThat(terminated.exitStatus().isPresent()).isTrue();
        assertThat(ExtensionHandle.of(victim).isAlive()).isFalse();
        assertThat(bystander.echo("unharmed")).isEqualTo("unharmed");
    }

    @Test
    void unwritableEnvRootIsRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fixtures.manager(file.resolve("sub")));

        assertThat(e).hasMessageThat().contains("envRootPath " + file.resolve("sub"));
    }

    private static void awaitNoChildren() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.current().children().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .count())
                .isEqualTo(0);
    }

    @Test
    void closeWhileAnotherThreadLoadsFailsThatLoadAndEndsItsChild(@TempDir Path marks) throws Exception {
        Path marker = marks.resolve("sleeper.pid");
        CompletableFuture<TestExtension> load =
                CompletableFuture.supplyAsync(() -> manager.loadExtension(Fixtures.config("sleeper")
                        // its load hook writes its pid there and sleeps
                        .env(Map.of("FIXTURE_SLEEP_ON_LOAD", marker.toString()))
                        .sandbox(Fixtures.writing(marks))
                        .build()));
        Await.until("the load hook runs", Duration.ofSeconds(30), () -> hasPid(marker));
        long childPid = Long.parseLong(Files.readString(marker).trim());

        manager.close();

        ExecutionException e = assertThrows(ExecutionException.class, () -> load.get(30, TimeUnit.SECONDS));
        assertThat(e).hasCauseThat().isInstanceOf(ExtensionLoadException.class);
        assertThat(e).hasCauseThat().hasMessageThat().contains("'sleeper' was stopped while it loaded");
        // A zombie counts as gone: whoever adopted it may not have reaped it yet.
        assertThat(ProcessHandle.of(childPid).map(ChildProcesses::runs).orElse(false))
                .isFalse();
        assertThat(manager.extensions()).isEmpty();
    }

    @Test
    void loadAfterCloseIsRefused() {
        manager.close();

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> manager.loadExtension(Fixtures.config("late").build()));

        assertThat(e).hasMessageThat().contains("ExtensionManager is closed; extension 'late' was not loaded");
        assertThat(manager.extensions()).isEmpty();
    }

    @Test
    void stateFollowsTheExtensionThroughCrashesRestartAndStop() throws Exception {
        TestExtension extension = manager.loadExtension(
                Fixtures.config("lives").restartPolicy(RestartPolicy.onCrash(1)).build());
        ExtensionHandle handle = ExtensionHandle.of(extension);
        assertThat(handle.state()).isEqualTo(ExtensionState.RUNNING);

        long first = handle.pid();
        assertThrows(ExtensionTerminatedException.class, () -> chatter(handle).halt(3));
        Await.until("restarted", Duration.ofSeconds(30), () -> handle.isAlive() && handle.pid() != first);
        assertThat(handle.state()).isEqualTo(ExtensionState.RUNNING);

        assertThrows(ExtensionTerminatedException.class, () -> chatter(handle).halt(3));
        Await.until("crashed for good", Duration.ofSeconds(30), () -> handle.state() == ExtensionState.CRASHED);
        assertThat(manager.extensions()).containsKey("lives");

        manager.stopExtension("lives");
        assertThat(handle.state()).isEqualTo(ExtensionState.STOPPED);
        assertThat(manager.extensions()).doesNotContainKey("lives");
    }

    /**
     * A host that locks the handle it holds (to serialize its own use of it, say) while the child
     * crashes, restarts and is stopped. When the handle's monitor was also its state lock, the
     * restart and the stop waited for the host to let go: here, for ever.
     */
    @Test
    void restartAndStopProceedWhileTheHostLocksTheHandle() throws Exception {
        TestExtension extension = manager.loadExtension(Fixtures.config("locked")
                .restartPolicy(RestartPolicy.onCrash(1))
                .build());
        ExtensionHandle handle = ExtensionHandle.of(extension);
        long first = handle.pid();
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Thread holder = new Thread(() -> {
            synchronized (handle) {
                locked.complete(null);
                release.join();
            }
        });
        holder.start();
        try {
            locked.get(10, TimeUnit.SECONDS);
            assertThrows(
                    ExtensionTerminatedException.class, () -> chatter(handle).halt(3));
            Await.until("restarted", Duration.ofSeconds(30), () -> handle.isAlive() && handle.pid() != first);
            assertThat(extension.echo("again")).contains("again");

            CompletableFuture.runAsync(() -> manager.stopExtension("locked")).get(30, TimeUnit.SECONDS);
            assertThat(handle.state()).isEqualTo(ExtensionState.STOPPED);
        } finally {
            release.complete(null);
            holder.join();
        }
    }

    private static Chatter chatter(ExtensionHandle handle) {
        return handle.createCaller(Chatter.class, "chatter");
    }

    private static boolean hasPid(Path marker) {
        try {
            return Files.exists(marker) && !Files.readString(marker).isBlank();
        } catch (IOException e) {
            return false;
        }
    }
}
