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

    @TempDir
    Path tmp;

    @Test
    void namedModuleHostLoadsSharedAndIsolatedExtensions() throws Exception {
        TestRepository repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        List<Path> modules = modulePath();
        assertThat(modules.stream().map(path -> path.getFileName().toString()).toList())
                .containsExactly(
                        "fory-core-1.6.0.jar",
                        "isolate4j-annotations-0.1.0-SNAPSHOT.jar",
                        "isolate4j-it-fixture-api-0.1.0-SNAPSHOT.jar",
                        "isolate4j-it-host-modular-0.1.0-SNAPSHOT.jar",
                        "isolate4j-resolver-0.1.0-SNAPSHOT.jar",
                        "isolate4j-runtime-0.1.0-SNAPSHOT.jar",
                        "slf4j-api-2.0.16.jar",
                        "slf4j-simple-2.0.16.jar");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The host's log goes to stdout: stderr must stay empty.
        command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
        command.add("--module-path");
        command.add(String.join(
                File.pathSeparator, modules.stream().map(Path::toString).toList()));
        command.add("--module");
        command.add(MAIN);
        command.add(Fixtures.extensionJar().toAbsolutePath().toString());
        command.add(tmp.resolve("environments").toString());
        command.add(repo.url());
        command.add(tmp.resolve("local-repository").toString());
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process host = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            boolean exited = host.waitFor(100, TimeUnit.SECONDS);
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            String output = "stdout:\n" + stdout + "\nstderr:\n" + stderr;
            assertWithMessage("the host did not exit in time; %s", output)
                    .that(exited)
                    .isTrue();
            assertWithMessage(output).that(host.exitValue()).isEqualTo(0);
            List<String> lines = stdout.lines().toList();
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
            assertThat(stderr).isEmpty();
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
