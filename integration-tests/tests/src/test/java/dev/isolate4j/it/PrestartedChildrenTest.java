package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.RestartPolicy;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.Logs;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prestartedChildren}: JVMs started before their extension is known, in the default
 * configuration (sandboxed where bubblewrap runs), taken by the loads and restarts whose JVM
 * matches theirs, replaced in the background, ended by {@code close()}.
 */
class PrestartedChildrenTest {
    private static final Duration STARTS_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aLoadTakesAWaitingChildAndAnotherStartsInItsPlace() throws Exception {
        List<Long> waitingAtClose;
        try (ExtensionManager<TestExtension> manager =
                manager(1, Fixtures.config("template").build())) {
            long prestarted = awaitOneWaiting(List.of());

            TestExtension extension =
                    manager.loadExtension(Fixtures.config("taker").build());

            assertThat(extension.pid()).isEqualTo(prestarted);
            assertThat(extension.echo("hello")).isEqualTo("hello");
            assertThat(extension.lifecycle())
                    .containsExactly("constructor", "beforeModuleLoaded", "onModuleLoaded:taker:FixtureExtension")
                    .inOrder();
            long replacement = awaitOneWaiting(List.of(prestarted));
            assertThat(replacement).isNotEqualTo(prestarted);

            TestExtension second =
                    manager.loadExtension(Fixtures.config("second").build());
            assertThat(second.pid()).isEqualTo(replacement);
            waitingAtClose = List.of(prestarted, replacement, awaitOneWaiting(List.of(prestarted, replacement)));
        }
        // Those taken and the one still waiting. (The host may still run the JVM that dumps the
        // class-data archive the first child recorded.)
        for (long pid : waitingAtClose) {
            assertThat(Fixtures.running(pid)).isFalse();
        }
        assertThat(Fixtures.waitingChildren()).isEmpty();
    }

    @Test
    void aChildConnectedWhileItWaitedIsTakenAndItsReplacementConnectsToo() throws Exception {
        long before = hostConnections();
        long replacement;
        try (ExtensionManager<TestExtension> manager =
                manager(1, Fixtures.config("template").build())) {
            long prestarted = awaitOneWaiting(List.of());
            Await.until("the waiting child connected", STARTS_WITHIN, () -> hostConnections() == before + 1);

            TestExtension extension =
                    manager.loadExtension(Fixtures.config("taker").build());

            assertThat(extension.pid()).isEqualTo(prestarted);
            assertThat(extension.echo("over the early connection")).isEqualTo("over the early connection");
            // The taken child's connection became its extension's; the replacement makes its own.
            replacement = awaitOneWaiting(List.of(prestarted));
            Await.until("the replacement connected", STARTS_WITHIN, () -> hostConnections() == before + 2);
        }
        assertThat(Fixtures.running(replacement)).isFalse();
        assertThat(hostConnections()).isEqualTo(before);
    }

    @Test
    void closingTheManagerEndsConnectedWaitingChildrenAndTheirConnections() throws Exception {
        long before = hostConnections();
        List<Long> waiting = new ArrayList<>();
        try (ExtensionManager<TestExtension> manager =
                manager(2, Fixtures.config("template").build())) {
            waiting.add(awaitOneWaiting(List.of()));
            waiting.add(awaitOneWaiting(waiting));
            Await.until("both waiting children connected", STARTS_WITHIN, () -> hostConnections() == before + 2);
        }
        for (long pid : waiting) {
            assertThat(Fixtures.running(pid)).isFalse();
        }
        assertThat(hostConnections()).isEqualTo(before);
    }

    /**
     * A waiting child whose JVM writes more than a pipe holds (64 KiB) before a load takes it. The
     * host reads its output from its start, so it never blocks on a full pipe (its JVM's logging
     * included); once taken, its lines are its extension's.
     */
    @Test
    void aWaitingChildsOutputIsReadAndLoggedBeforeALoadTakesIt() throws Exception {
        List<String> verbose = List.of("-Xlog:class+load=info:stdout");
        try (HostLogCapture capture = HostLogCapture.start();
                ExtensionManager<TestExtension> manager =
                        manager(1, Fixtures.config("template").jvmArgs(verbose).build())) {
            long prestarted = awaitOneWaiting(List.of());
            // Tagged with the pid of the process the host started (bubblewrap's, in the sandbox).
            Pattern waitingLine = Pattern.compile("\\[prestarted child \\d+:stdout\\] \\[");
            Await.until(
                    "more than a pipe's worth of the waiting child's output in the host's log",
                    STARTS_WITHIN,
                    () -> waitingLine.matcher(capture.text()).results().count() > 1_000);

            TestExtension extension = manager.loadExtension(
                    Fixtures.config("verbose").jvmArgs(verbose).build());

            assertThat(extension.pid()).isEqualTo(prestarted);
            assertThat(extension.echo("heard")).isEqualTo("heard");
            Await.until(
                    "its later output logged as its extension's",
                    STARTS_WITHIN,
                    () -> capture.text().contains("[verbose:stdout]"));
        }
    }

    /**
     * A prestarted child sets up its logging while it waits (java.util.logging's handler, the
     * runtime's SLF4J): an isolated extension that takes it logs to the host as one started for it.
     */
    @Test
    void anIsolatedExtensionInAPrestartedChildLogsThroughTheHost() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        // SLF4J comes from the tests' copy of Central; the environments beside it, on its file
        // system, where the prestarted child's hard links to its jars can be made.
        Path localRepository = Path.of("target", "central-cache").toAbsolutePath();
        Path envRoot = Files.createTempDirectory(localRepository.getParent(), "prestarted-logs");
        String log;
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                        TestExtension.class,
                        ExtensionManagerConfig.builder()
                                .envRootPath(envRoot)
                                .localRepository(localRepository)
                                .prestartedChildren(1)
                                .build());
                HostLogCapture capture = HostLogCapture.start()) {
            long prestarted = awaitOneWaiting(List.of());
            TestExtension extension = manager.loadExtension(ExtensionConfig.builder("isolated-logs")
                    .modulePath(Fixtures.extensionJar())
                    .isolated(true)
                    .dependencies("org.slf4j:slf4j-api:2.0.16", "dev.isolate4j.it:probe-api:1.0")
                    .repositories(List.of(repo.url()))
                    .build());
            assertThat(extension.pid()).isEqualTo(prestarted);
            Logs logs = ExtensionHandle.of(extension).createCaller(Logs.class, "logs");

            logs.log("slf4j", "WARN", "dev.fixture.logs", "hello from a prestarted slf4j", true);
            logs.log("jul", "INFO", "dev.fixture.jul", "hello from a prestarted jul", false);

            Await.until("both events logged by the host", STARTS_WITHIN, () -> {
                String text = capture.text();
                return text.contains("hello from a prestarted slf4j") && text.contains("hello from a prestarted jul");
            });
            log = capture.text();
        }
        assertThat(log).contains("WARN dev.fixture.logs - hello from a prestarted slf4j");
        assertThat(log).contains("INFO dev.fixture.jul - hello from a prestarted jul");
        assertThat(log).doesNotContain("[isolated-logs:stderr]");
        IsolatedEnvironmentTest.deleteRecursively(envRoot);
    }

    @Test
    void aLoadWithOtherJvmOptionsStartsItsOwnChildAndTheHostSaysWhyOnce() throws Exception {
        String log;
        try (HostLogCapture capture = HostLogCapture.start();
                ExtensionManager<TestExtension> manager =
                        manager(1, Fixtures.config("template").build())) {
            long prestarted = awaitOneWaiting(List.of());

            TestExtension other = manager.loadExtension(Fixtures.config("other-options")
                    .jvmArgs(List.of("-Disolate4j.test.option=other"))
                    .build());
            TestExtension bigger = manager.loadExtension(
                    Fixtures.config("bigger-heap").maxHeap("700m").build());

            assertThat(other.pid()).isNotEqualTo(prestarted);
            assertThat(bigger.pid()).isNotEqualTo(prestarted);
            assertThat(other.commandLine()).contains("-Disolate4j.test.option=other");
            assertThat(Fixtures.waitingChildren()).containsExactly(prestarted);
            assertThat(manager.loadExtension(Fixtures.config("same").build()).pid())
                    .isEqualTo(prestarted);
            log = capture.text();
        }
        // The first load that none fits names the setting; the second is not reported again.
        assertThat(log)
                .contains("extension 'other-options' starts a child of its own: the manager's prestarted children"
                        + " do not fit it, as it has the JVM options [");
        assertThat(log).contains("-Disolate4j.test.option=other] where theirs are [");
        assertThat(log).contains("prestartedChildren(n, like)");
        assertThat(log).doesNotContain("extension 'bigger-heap' starts a child of its own");
    }

    @Test
    void anIsolatedExtensionInAPrestartedSandboxReadsOnlyItsOwnJars() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        Path otherJar = Files.copy(
                Fixtures.extensionJar(),
                Files.createDirectories(tmp.resolve("other")).resolve("other-extension.jar"));
        // The default: children of an isolated extension with every JVM setting at its default.
        List<Long> children = new ArrayList<>();
        try (ExtensionManager<TestExtension> manager = manager(2, null)) {
            long first = awaitOneWaiting(List.of());

            TestExtension isolated = manager.loadExtension(Fixtures.isolated("isolated", repo.url()));
            TestExtension neighbour = manager.loadExtension(ExtensionConfig.builder("neighbour")
                    .modulePath(otherJar)
                    .isolated(true)
                    .dependencies("dev.isolate4j.it:probe-api:1.0")
                    .repositories(List.of(repo.url()))
                    .build());

            assertThat(List.of(isolated.pid(), neighbour.pid())).contains(first);
            children.addAll(List.of(isolated.pid(), neighbour.pid()));
            Chatter chatter = ExtensionHandle.of(isolated).createCaller(Chatter.class, "chatter");
            // Its own jars are there, as links in its own directory; they are binary, not text.
            List<Path> own = linkedJars(Fixtures.extensionJar());
            assertThat(own).isNotEmpty();
            for (Path jar : own) {
                assertThat(chatter.tryRead(jar.toString())).startsWith("java.nio.charset.MalformedInputException");
            }
            // The neighbour's jar is not, under its own path or as the neighbour's link.
            assertThat(chatter.tryRead(otherJar.toString())).startsWith("java.nio.file.NoSuchFileException");
            for (Path jar : linkedJars(otherJar)) {
                assertThat(chatter.tryRead(jar.toString())).startsWith("java.nio.file.NoSuchFileException");
            }
            // Nor the local repository the jars were resolved into.
            Path repositoryJar = tmp.resolve("env-repository/dev/isolate4j/it/probe-api/1.0/probe-api-1.0.jar");
            assertThat(Files.isRegularFile(repositoryJar)).isTrue();
            assertThat(chatter.tryRead(repositoryJar.toString())).startsWith("java.nio.file.NoSuchFileException");
            children.addAll(Fixtures.waitingChildren());
        }
        // (The host may still run the JVM that dumps the class-data archive the first child recorded.)
        for (long pid : children) {
            assertThat(Fixtures.running(pid)).isFalse();
        }
        assertThat(Fixtures.waitingChildren()).isEmpty();
        try (Stream<Path> left = Files.list(tmp.resolve("env/.prestarted"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    /**
     * Managers that share one {@code envRootPath} come and go while others load: each child started
     * ahead (a spare, or an early child started while its environment resolved) starts and serves
     * its load, whatever the others create and remove there meanwhile.
     */
    @Test
    void managersSharingAnEnvRootComeAndGoWhileOthersLoadFromTheirChildrenStartedAhead() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        int threads = 3;
        int rounds = 4;
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        String log;
        try (HostLogCapture capture = HostLogCapture.start()) {
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    for (int round = 0; round < rounds; round++) {
                        // Even rounds keep a spare; odd ones none, so that the load starts an early child.
                        try (ExtensionManager<TestExtension> manager = manager((thread + round) % 2, null)) {
                            TestExtension extension = manager.loadExtension(
                                    Fixtures.isolated("shared-" + thread + "-" + round, repo.url()));
                            assertThat(extension.echo("round " + round)).isEqualTo("round " + round);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                worker.start();
                running.add(worker);
            }
            for (Thread thread : running) {
                thread.join();
            }
            log = capture.text();
        }
        assertThat(failures).isEmpty();
        assertThat(log).doesNotContain("before a load could take it");
        assertThat(log).doesNotContain("Could not find or load main class");
        assertThat(log).doesNotContain("[prestarted child");
    }

    /**
     * A load whose environment cannot be resolved ends the child it started ahead of the resolution
     * before it throws. That child, still starting, reads the runtime's jars through the links
     * under {@code envRootPath}: left running, it failed with "Could not find or load main class"
     * once its caller had closed the manager and removed {@code envRootPath} (a test's temporary
     * directory), in the log of whatever ran next.
     */
    @Test
    void aLoadWhoseEnvironmentCannotBeResolvedEndsItsEarlyChildBeforeItThrows() throws Exception {
        String missing = tmp.resolve("no-repository").toUri().toString();
        String log;
        try (HostLogCapture capture = HostLogCapture.start()) {
            try (ExtensionManager<TestExtension> manager = manager(0, null)) {
                assertThrows(
                        ExtensionLoadException.class,
                        () -> manager.loadExtension(Fixtures.isolated("unresolvable", missing)));
                assertThat(childrenStartedAhead()).isEmpty();
            }
            IsolatedEnvironmentTest.deleteRecursively(tmp.resolve("env"));
            Thread.sleep(2_000); // what a child still running would log
            log = capture.text();
        }
        assertThat(log).doesNotContain("Could not find or load main class");
        assertThat(log).doesNotContain("[prestarted child");
    }

    /**
     * A waiting child that died is not taken: the load starts its own, and the host's log says, at
     * WARN, how the child exited and what it last wrote to its stderr. (A dead child used to be
     * passed over in silence.)
     */
    @Test
    void aLoadThatFindsItsWaitingChildDeadSaysSoAndStartsItsOwn() throws Exception {
        // Lines on the child's stderr while its JVM starts, for the warning to quote.
        List<String> stderrLogging = List.of("-Xlog:gc+init=info:stderr");
        String log;
        ProcessHandle started;
        try (HostLogCapture capture = HostLogCapture.start();
                ExtensionManager<TestExtension> manager = manager(
                        1, Fixtures.config("template").jvmArgs(stderrLogging).build())) {
            long prestarted = awaitOneWaiting(List.of());
            // The process the host started (bubblewrap, in the sandbox) ends with the JVM.
            started = ProcessHandle.current()
                    .children()
                    .filter(child ->
                            child.pid() == prestarted || child.descendants().anyMatch(d -> d.pid() == prestarted))
                    .findFirst()
                    .orElseThrow();
            // Tagged with the pid of the process the host started.
            String stderrLine = "[prestarted child " + started.pid() + ":stderr] [";
            Await.until(
                    "the waiting child's first lines on its stderr",
                    STARTS_WITHIN,
                    () -> capture.text().contains(stderrLine));
            ChildProcesses.handle(prestarted).destroyForcibly();
            assertThat(ChildProcesses.awaitGone(started, STARTS_WITHIN)).isTrue();

            TestExtension extension = manager.loadExtension(
                    Fixtures.config("after-a-death").jvmArgs(stderrLogging).build());

            assertThat(extension.pid()).isNotEqualTo(prestarted);
            assertThat(extension.echo("alive")).isEqualTo("alive");
            log = capture.text();
        }
        assertThat(log)
                .contains("WARN dev.isolate4j.internal.process.PrestartedChild - a prestarted child (pid "
                        + started.pid() + ") exited with status");
        assertThat(log).contains("the load starts its own; last lines of its stderr:");
        assertThat(log).contains("gc,init");
    }

    @Test
    void aRestartAfterACrashTakesAWaitingChild() throws Exception {
        try (ExtensionManager<TestExtension> manager =
                manager(1, Fixtures.config("template").build())) {
            awaitOneWaiting(List.of());
            TestExtension phoenix = manager.loadExtension(Fixtures.config("phoenix")
                    .restartPolicy(RestartPolicy.onCrash(1))
                    .build());
            long firstPid = phoenix.pid();
            long replacement = awaitOneWaiting(List.of(firstPid));
            ExtensionHandle handle = ExtensionHandle.of(phoenix);

            ChildProcesses.handle(firstPid).destroyForcibly();
            Await.until("'phoenix' restarted", STARTS_WITHIN, () -> handle.isAlive() && handle.pid() != firstPid);

            assertThat(phoenix.pid()).isEqualTo(replacement);
            assertThat(phoenix.echo("risen")).isEqualTo("risen");
        }
    }

    private ExtensionManager<TestExtension> manager(int prestarted, ExtensionConfig like) {
        Path envRoot = tmp.resolve("env");
        return new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        .localRepository(tmp.resolve("env-repository"))
                        .stopTimeout(Duration.ofSeconds(5))
                        .prestartedChildren(prestarted, like)
                        .build());
    }

    /** Waits until a child JVM waits for its extension that is none of {@code known}; its pid. */
    private static long awaitOneWaiting(List<Long> known) throws InterruptedException {
        long[] found = new long[1];
        Await.until("a prestarted child other than " + known, STARTS_WITHIN, () -> {
            for (long pid : Fixtures.waitingChildren()) {
                if (!known.contains(pid)) {
                    found[0] = pid;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** This host's sandboxes and child JVMs that wait for their extension, still running. */
    private static List<Long> childrenStartedAhead() {
        return ProcessHandle.current()
                .descendants()
                .filter(process -> process.info().command().orElse("").endsWith("/bwrap")
                        || List.of(process.info().arguments().orElse(new String[0]))
                                .contains("--await-extension"))
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .toList();
    }

    /**
     * How many sockets this JVM holds that do not listen: against a count taken before, how many
     * children it is connected to. (The host's end of a sandboxed child's connection belongs to
     * the child's network namespace, so {@code /proc/self/net/unix} does not list it; it lists the
     * listening ones.)
     */
    private static long hostConnections() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/net/unix"));
                Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            Set<String> listening = lines.skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields.length >= 7 && fields[5].equals("01"))
                    .map(fields -> "socket:[" + fields[6] + "]")
                    .collect(Collectors.toSet());
            return descriptors
                    .map(PrestartedChildrenTest::target)
                    .filter(target -> target.startsWith("socket:") && !listening.contains(target))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile
        }
    }

    /** The jars linked for the extension whose module is {@code module}, from the class-path file it was given. */
    private List<Path> linkedJars(Path module) throws Exception {
        try (Stream<Path> directories = Files.list(tmp.resolve("env/.prestarted"))) {
            for (Path directory : directories.toList()) {
                Path list = directory.resolve("class-path.txt");
                Path linkedModule = directory.resolve("0").resolve(module.getFileName());
                if (Files.isRegularFile(list)
                        && Files.isRegularFile(linkedModule)
                        && Files.isSameFile(linkedModule, module)) {
                    List<Path> jars = new ArrayList<>(List.of(linkedModule));
                    Files.readAllLines(list).forEach(line -> jars.add(Path.of(line)));
                    return jars;
                }
            }
        }
        throw new AssertionError("no prestarted child was given " + module);
    }
}
