package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.it.api.LibraryProbe;
import dev.isolate4j.it.api.Logs;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SLF4J and java.util.logging calls in a child reach the host's SLF4J as events of the same logger
 * and level, with their throwable and MDC, not as lines of the child's output: in a child on the
 * host's class path, and in an isolated child whose extension brings its own SLF4J.
 */
class ChildLoggingTest {
    @TempDir
    Path envRoot;

    @Test
    void theChildsSlf4jAndJulEventsArriveAsTheHostsOwn() throws Exception {
        String log = hostLogOf(
                Fixtures.config("logged").build(),
                logs -> {
                    logs.log("slf4j", "WARN", "dev.fixture.logs", "hello from slf4j", true);
                    logs.log("jul", "INFO", "dev.fixture.jul", "hello from jul", false);
                    logs.log("slf4j", "DEBUG", "dev.fixture.logs", "below the threshold", false);
                },
                "hello from slf4j",
                "hello from jul");
        assertThat(log).contains("WARN dev.fixture.logs - hello from slf4j");
        assertThat(log).contains("IllegalStateException: boom");
        assertThat(log).contains("INFO dev.fixture.jul - hello from jul");
        assertThat(log).doesNotContain("[logged:stderr]");
        assertThat(log).doesNotContain("below the threshold");
    }

    /**
     * The runtime's Fory, which a child builds for the first call that needs it, logs through the
     * child's SLF4J: its messages arrive as the host's events, not as lines on the child's stdout.
     * Neither Fory's own logger nor the configuration of java.util.logging loads the JDK's date
     * formatting and locale data, about 170 classes a child kept for its life (docs/memory.md,
     * "What a child loaded and never used").
     */
    @Test
    void forysMessagesArriveAsTheHostsEventsAndNoLocaleDataLoads() throws Exception {
        String log = hostLogAfter(
                Fixtures.config("fory-logs")
                        .jvmArgs(List.of("-Xlog:class+load=info:stdout"))
                        .build(),
                extension -> {
                    // A Vector, which only Fory carries: the child builds Fory now.
                    assertThat(extension
                                    .measure(new Vector<>(List.of(1.0, 3.0)))
                                    .mean())
                            .isEqualTo(2.0);
                    Logs logs = ExtensionHandle.of(extension).createCaller(Logs.class, "logs");
                    logs.log("fory", "WARN", "", "hello from fory", false);
                    logs.log("jul", "INFO", "dev.fixture.jul", "hello from jul", false);
                },
                "hello from fory",
                "hello from jul");
        assertThat(log).contains("WARN dev.isolate4j.it.extension.FixtureLogs - hello from fory");
        assertThat(log).contains("INFO dev.fixture.jul - hello from jul");
        assertThat(log.lines().filter(line -> line.contains("hello from fory") && line.contains(":stdout]")))
                .isEmpty();
        assertThat(log).doesNotContain(" org.apache.fory.logging.ForyLogger source:");
        assertThat(log).doesNotContain(" java.time.format.DateTimeFormatter source:");
        assertThat(log).doesNotContain(" sun.util.locale.provider.LocaleProviderAdapter source:");
    }

    /**
     * java.util.logging is configured when it first initializes, not at the child's start: the first
     * record, logged at once after the load, arrives as the host's own, and the configuration file
     * the user names for the child still sets its loggers' levels (the root's handler and level are
     * the host's). The file is shown to the sandbox, as any path the child reads.
     */
    @Test
    void theUsersJulConfigurationFileStillSetsTheChildsLoggerLevels() throws Exception {
        Path configuration = envRoot.resolveSibling("child-logging.properties");
        Files.writeString(configuration, "dev.fixture.quiet.level = WARNING\n");
        String log = hostLogOf(
                Fixtures.config("configured")
                        .jvmArgs(List.of("-Djava.util.logging.config.file=" + configuration))
                        .sandbox(SandboxConfig.builder()
                                .readOnlyPaths(List.of(configuration))
                                .build())
                        .build(),
                logs -> {
                    logs.log("jul", "INFO", "dev.fixture.quiet", "below the file's level", false);
                    logs.log("jul", "WARN", "dev.fixture.quiet", "at the file's level", false);
                    logs.log("jul", "INFO", "dev.fixture.jul", "at the root's level", false);
                },
                "at the file's level",
                "at the root's level");
        assertThat(log).contains("WARN dev.fixture.quiet - at the file's level");
        assertThat(log).contains("INFO dev.fixture.jul - at the root's level");
        assertThat(log).doesNotContain("below the file's level");
        assertThat(log).doesNotContain("[configured:stderr]");
    }

    /**
     * A configuration file the child cannot read (here: not shown to its sandbox) is named in a
     * warning that says how to show it; JUL itself would go on without a word.
     */
    @Test
    void aJulConfigurationFileTheSandboxHidesIsNamedWithAdvice() throws Exception {
        Path configuration = envRoot.resolveSibling("hidden-logging.properties");
        Files.writeString(configuration, "dev.fixture.quiet.level = WARNING\n");
        String log = hostLogOf(
                Fixtures.config("hidden")
                        .jvmArgs(List.of("-Djava.util.logging.config.file=" + configuration))
                        .build(),
                logs -> logs.log("jul", "INFO", "dev.fixture.jul", "logged all the same", false),
                "logged all the same");
        assertThat(log)
                .contains("java.util.logging.config.file " + configuration + " cannot be read in the"
                        + " extension's JVM");
        assertThat(log).contains("SandboxConfig.builder().readOnlyPaths(...)");
    }

    /**
     * The extension's MDC, and the extension's name, are in the host's MDC while the event is logged:
     * what a host's Logback pattern with {@code %X} prints. The tests' own binding (slf4j-simple)
     * has no MDC, so a host JVM of its own runs with a binding that prints it.
     */
    @Test
    void theChildsMdcIsTheHostsWhileItsEventIsLogged() throws Exception {
        try (HostJvm host = HostJvm.startMain(
                MdcHost.class,
                List.of("-Dslf4j.provider=" + MdcPrintingSlf4jProvider.class.getName()),
                List.of(Fixtures.extensionJar().toAbsolutePath().toString(), envRoot.toString()))) {
            String event = host.awaitLine(line -> line.contains("hello with mdc"), Duration.ofSeconds(60));
            host.awaitLine(MdcHost.DONE::equals, Duration.ofSeconds(30));

            assertThat(event)
                    .isEqualTo("WARN dev.fixture.logs {isolate4j.extension=logged, request=r-1} - hello with mdc");
            assertThat(host.output()).doesNotContain("debug from the child");
        }
    }

    /** A host that logs DEBUG gets the child's DEBUG events; one that logs INFO (above) does not. */
    @Test
    void theChildSendsTheLevelsTheHostsRootLoggerLogs() throws Exception {
        try (HostJvm host = HostJvm.startMain(
                MdcHost.class,
                List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                List.of(Fixtures.extensionJar().toAbsolutePath().toString(), envRoot.toString()))) {
            String event = host.awaitLine(line -> line.contains("debug from the child"), Duration.ofSeconds(60));

            assertThat(event).contains("DEBUG dev.fixture.logs - debug from the child");
        }
    }

    /**
     * An isolated extension brings its own SLF4J, of any version, without a binding: its events
     * reach the host's SLF4J all the same, with the extension's logger name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"1.7.36", "2.0.13"})
    void anIsolatedExtensionsOwnSlf4jArrivesAsTheHostsEvents(String slf4jVersion) throws Exception {
        TestRepository api = TestRepository.withFixtureApi(envRoot.resolveSibling("repository-" + slf4jVersion));
        String log;
        String factory;
        try (ExtensionManager<LibraryProbe> manager = ConflictingVersionsTest.manager(envRoot);
                HostLogCapture capture = HostLogCapture.start()) {
            LibraryProbe probe = manager.loadExtension(oldLibraries("slf4j-" + slf4jVersion, api)
                    .dependencies(
                            "org.apache.fory:fory-core:0.16.0",
                            "org.slf4j:slf4j-api:" + slf4jVersion,
                            "dev.isolate4j.it:probe-api:1.0")
                    .build());

            factory = probe.useVersionSpecificApi(List.of("isolated", "and", "logged"));
            Await.until(
                    "the extension's event logged by the host",
                    Duration.ofSeconds(10),
                    () -> capture.text().contains("round trip of isolated and logged"));
            log = capture.text();
            assertThat(probe.locationOf("org.slf4j.LoggerFactory")).endsWith("slf4j-api-" + slf4jVersion + ".jar");
        }
        assertThat(factory).endsWith("via dev.isolate4j.internal.child.logging.HostLoggerFactory");
        assertThat(log).contains("INFO dev.isolate4j.it.oldlibs.OldLibrariesProbe - round trip of isolated and logged");
        assertThat(stderrLinesButTheJdksUnsafeWarnings(log)).isEmpty();
        assertThat(log).doesNotContain("SLF4J");
    }

    /**
     * The child's stderr lines in the host's log, but for the four lines in which JDK 24 and later
     * warn that the extension's own Fory 0.16 uses {@code sun.misc.Unsafe}: the extension's library
     * speaking, which its logging has nothing to do with.
     */
    private static List<String> stderrLinesButTheJdksUnsafeWarnings(String log) {
        return log.lines()
                .filter(line -> line.contains(":stderr]"))
                .filter(line -> !(line.contains(":stderr] WARNING: ")
                        && (line.contains("sun.misc.Unsafe") || line.contains("class org.apache.fory."))))
                .toList();
    }

    /**
     * An isolated extension that brings its own binding keeps it: its lines arrive as its output.
     * So it does on both ways a child starts: ahead of its environment (the first load, which
     * resolves), and for its extension (the second, its environment recorded). Either binds its
     * runtime's SLF4J before the extension loads, so the extension's never reads the runtime's
     * provider property (SLF4J would then report it cannot make that provider).
     */
    @Test
    void anIsolatedExtensionsOwnBindingIsKept() throws Exception {
        TestRepository api = TestRepository.withFixtureApi(envRoot.resolveSibling("repository-simple"));
        ExtensionConfig config = oldLibraries("own-binding", api)
                .dependencies(
                        "org.apache.fory:fory-core:0.16.0",
                        "org.slf4j:slf4j-api:2.0.16",
                        "org.slf4j:slf4j-simple:2.0.16",
                        "dev.isolate4j.it:probe-api:1.0")
                .build();
        String log;
        List<String> factories = new ArrayList<>();
        try (ExtensionManager<LibraryProbe> manager = ConflictingVersionsTest.manager(envRoot);
                HostLogCapture capture = HostLogCapture.start()) {
            for (String start : List.of("ahead", "again")) {
                LibraryProbe probe = manager.loadExtension(config);
                factories.add(probe.useVersionSpecificApi(List.of("its", "own", start)));
                Await.until(
                        "the extension's line in the host's log",
                        Duration.ofSeconds(10),
                        () -> capture.text().contains("round trip of its own " + start));
                manager.stopExtension("own-binding");
            }
            log = capture.text();
        }
        assertThat(factories).hasSize(2);
        for (String factory : factories) {
            assertThat(factory).endsWith("via org.slf4j.simple.SimpleLoggerFactory");
        }
        assertThat(log).contains("[own-binding:stderr]");
        assertThat(log).doesNotContain("SLF4J");
    }

    /**
     * A child does not start a logging framework on its way to READY: SLF4J's start-up took 15-30 ms
     * of a fresh JVM's main thread, and java.util.logging's searches every jar of the class path for
     * a logger finder (47-145 ms with tens of jars). Each starts once something logs, or once the
     * child is ready and the machine quiet. The test's class path gives children on it the
     * OpenTelemetry interceptor, whose propagator creates a java.util.logging logger as it loads.
     * (The fixture extension's classes name SLF4J's, so its {@code LoggerFactory} is loaded; the
     * runtime's provider is what binding loads.)
     */
    @Test
    void aChildOnTheHostsClassPathGetsReadyWithoutStartingSlf4jOrJavaUtilLogging() throws Exception {
        String beforeReady = classesLoadedBeforeReady(Fixtures.config("unbound"));
        assertThat(beforeReady).contains(" dev.isolate4j.opentelemetry.TracingInterceptor source:");
        assertThat(beforeReady).doesNotContain(" dev.isolate4j.internal.child.logging.HostSlf4jProvider source:");
        assertThat(beforeReady).doesNotContain(" java.util.logging.LogManager source:");
    }

    /**
     * Nor does an isolated child started for its extension, its environment prepared by an earlier
     * load, initialize java.util.logging. (A child started ahead of its environment warms
     * java.util.logging up while it waits for the resolution.)
     */
    @Test
    void anIsolatedChildGetsReadyWithoutInitializingJavaUtilLogging() throws Exception {
        TestRepository api = TestRepository.withFixtureApi(envRoot.resolveSibling("repository-jul"));
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            manager.loadExtension(Fixtures.isolated("unlogged", api.url()));
        }
        String beforeReady = classesLoadedBeforeReady(Fixtures.isolatedConfig("unlogged", api.url()));
        assertThat(beforeReady).doesNotContain(" java.util.logging.LogManager source:");
    }

    /**
     * Loads {@code config} with its JVM logging the classes it loads to its stdout, which reaches the
     * host's log in order, and returns that log up to the class of the READY frame, the last the
     * child loads before it is ready.
     */
    private String classesLoadedBeforeReady(ExtensionConfig.Builder config) throws Exception {
        String readyFrame = " dev.isolate4j.internal.protocol.Ready source:";
        String log = hostLogAfter(
                config.jvmArgs(List.of("-Xlog:class+load=info:stdout")).build(), extension -> {}, readyFrame);
        String beforeReady = log.substring(0, log.indexOf(readyFrame));
        assertThat(beforeReady).contains(" dev.isolate4j.internal.child.ChildMain source:");
        return beforeReady;
    }

    /**
     * Loads {@code config} with the fixture extension, logs through its {@code logs} callee, and
     * returns what the host logged once every one of {@code awaited} is there.
     */
    private String hostLogOf(ExtensionConfig config, Consumer<Logs> logging, String... awaited) throws Exception {
        return hostLogAfter(
                config,
                extension -> logging.accept(ExtensionHandle.of(extension).createCaller(Logs.class, "logs")),
                awaited);
    }

    /**
     * Loads {@code config} with the fixture extension, runs {@code action} on it, and returns what
     * the host logged once every one of {@code awaited} is there.
     */
    private String hostLogAfter(ExtensionConfig config, Consumer<TestExtension> action, String... awaited)
            throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot);
                HostLogCapture capture = HostLogCapture.start()) {
            action.accept(manager.loadExtension(config));
            Await.until("what the host logged: " + List.of(awaited), Duration.ofSeconds(10), () -> {
                String text = capture.text();
                return Stream.of(awaited).allMatch(text::contains);
            });
            return capture.text();
        }
    }

    private static ExtensionConfig.Builder oldLibraries(String name, TestRepository api) {
        return ExtensionConfig.builder(name)
                .modulePath(TestRepository.fixtureJar("old-libs.jar"))
                .isolated(true)
                .repositories(List.of(api.url()));
    }
}
