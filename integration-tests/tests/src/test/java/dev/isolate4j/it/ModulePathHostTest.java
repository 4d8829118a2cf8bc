package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that is a named module ({@code integration-tests/host-modular}, {@code requires
 * dev.isolate4j.runtime}) runs from a module path of isolate4j's modules, what they require, an
 * SLF4J backend, the fixture API and itself: nothing of Maven's, no class path. It loads the fixture
 * extension shared and isolated, in the default configuration.
 */
class ModulePathHostTest {
    private static final String MAIN = "dev.isolate4j.it.host/dev.isolate4j.it.host.ModularHost";
    /** What Fory on a module path needs on JDK 25 and later ("JDK 17, 21 and 25" in the README). */
    static final String FORY_OPENING = "--add-opens=java.base/java.lang.invoke=org.apache.fory.core";

    @TempDir
    Path tmp;

    @Test
    void namedModuleHostLoadsSharedAndIsolatedExtensions() throws Exception {
        assertThat(modulePath().stream()
                        .map(path -> path.getFileName().toString())
                        .toList())
                .containsExactly(
                        "fory-core-1.6.0.jar",
                        "isolate4j-annotations-0.1.0-SNAPSHOT.jar",
                        "isolate4j-it-fixture-api-0.1.0-SNAPSHOT.jar",
                        "isolate4j-it-host-modular-0.1.0-SNAPSHOT.jar",
                        "isolate4j-resolver-0.1.0-SNAPSHOT.jar",
                        "isolate4j-runtime-0.1.0-SNAPSHOT.jar",
                        "slf4j-api-2.0.16.jar",
                        "slf4j-simple-2.0.16.jar");

        // On JDK 25 and later, what the README asks of such a host (see the next test).
        List<String> options = Runtime.version().feature() >= 25 ? List.of(FORY_OPENING) : List.of();
        assertLoadsBoth(runHost(Path.of(System.getProperty("java.home")), options));
    }

    /**
     * On JDK 25, Fory in a named module needs java.base's {@code java.lang.invoke} opened to it (it
     * has no {@code Unsafe} fallback there): without the option the manager refuses at once, naming
     * it; with it, the host runs as on JDK 17. (The host's children are given what they need.)
     */
    @Test
    void onJdk25TheHostIsToldTheOpeningForyNeedsAndRunsWithIt() throws Exception {
        Path jdk25 = Jdks.require(25, "a module-path host on JDK 25");

        HostRun without = runHost(jdk25, List.of());

        assertWithMessage(without.output()).that(without.exitValue()).isNotEqualTo(0);
        assertThat(without.stderr()).contains("IllegalStateException: isolate4j cannot pass values through Fory");
        assertThat(without.stderr()).contains("start the host with " + FORY_OPENING);

        assertLoadsBoth(runHost(jdk25, List.of(FORY_OPENING)));
    }

    private static void assertLoadsBoth(HostRun run) {
        assertWithMessage(run.output()).that(run.exitValue()).isEqualTo(0);
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).contains("RUNTIME dev.isolate4j.runtime");
        assertThat(lines).contains("MAVEN []");
        assertThat(lines).contains("REGISTERED dev.isolate4j.it.host.api.Greeting");
        assertThat(lines)
                .contains("REFUSED package dev.isolate4j.it.host.hidden of module dev.isolate4j.it.host is not"
                        + " exported to module dev.isolate4j.runtime, which must create"
                        + " dev.isolate4j.it.host.hidden.Secret_Descriptor to use"
                        + " dev.isolate4j.it.host.hidden.Secret: add 'exports dev.isolate4j.it.host.hidden to"
                        + " dev.isolate4j.runtime;' (or 'opens') to the module-info.java of"
                        + " dev.isolate4j.it.host");
        assertThat(lines).contains("SHARED from a module Measurement[count=2, mean=2.0, unit=METRES]");
        assertThat(lines).contains("ISOLATED resolved Measurement[count=2, mean=3.0, unit=METRES]");
        assertThat(lines).contains("DONE");
        assertThat(run.stderr()).isEmpty();
    }

    /** What a run of the module-path host printed, and how it ended. */
    private record HostRun(int exitValue, String stdout, String stderr) {
        String output() {
            return "exit " + exitValue + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** Runs the module-path host on {@code javaHome}'s JVM with {@code options}, to its end. */
    private HostRun runHost(Path javaHome, List<String> options) throws Exception {
        Path run = Files.createTempDirectory(tmp, "run");
        TestRepository repo = TestRepository.withFixtureApi(run.resolve("repository"));
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(options);
        // The host's log goes to stdout: stderr must stay empty.
        command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
        command.add("--module-path");
        command.add(String.join(
                File.pathSeparator, modulePath().stream().map(Path::toString).toList()));
        command.add("--module");
        command.add(MAIN);
        command.add(Fixtures.extensionJar().toAbsolutePath().toString());
        command.add(run.resolve("environments").toString());
        command.add(repo.url());
        command.add(run.resolve("local-repository").toString());
        Path out = run.resolve("stdout.txt");
        Path err = run.resolve("stderr.txt");
        Process host = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            boolean exited = host.waitFor(100, TimeUnit.SECONDS);
            HostRun result = new HostRun(
                    exited ? host.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            assertWithMessage("the host did not exit in time; %s", result.output())
                    .that(exited)
                    .isTrue();
            return result;
        } finally {
            List<ProcessHandle> descendants = host.descendants().toList();
            host.destroyForcibly();
            host.waitFor(10, TimeUnit.SECONDS);
            descendants.forEach(ChildProcesses::killQuietly);
        }
    }

    private static List<Path> modulePath() throws IOException {
        Path directory = Path.of(System.getProperty("isolate4j.it.modulePath", "target/module-path"));
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("module path " + directory + " is missing; run the tests through Maven");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(Path::toAbsolutePath).sorted().toList();
        }
    }
}
