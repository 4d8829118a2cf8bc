package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One host scenario ({@code MatrixHost} in {@code integration-tests/host-app}) run the ways users
 * deploy a host, on each JDK installed: loads from a retired pool thread, a thread that ends at once
 * and a virtual thread, calls after those threads are gone, a crash and its restart, a stop and a
 * close, in the default configuration (sandbox on where bubblewrap runs, default JVM options).
 *
 * <p>Each host runs in its own JVM, from its own directory, with relative paths where a user would
 * write them, and its own temporary directory, so that whatever it leaves behind can be seen.
 */
class HostMatrixTest {
    private static final Path HOST_APP = Path.of(System.getProperty("isolate4j.it.hostApp", "../host-app/target"));
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Duration HOST_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    /** How a packaging starts the host: the arguments after {@code java}. */
    enum Packaging {
        /** {@code java -cp host-app.jar:lib/*}, relative, as a start script writes it. */
        CLASS_PATH("-cp", "host-app.jar" + java.io.File.pathSeparator + "lib/*", "dev.isolate4j.it.matrix.MatrixHost"),
        /** {@code java -p host-app.jar:lib -m ...}: the application and every library as modules. */
        MODULE_PATH(
                "-p",
                "host-app.jar" + java.io.File.pathSeparator + "lib",
                "-m",
                "dev.isolate4j.it.matrix/dev.isolate4j.it.matrix.MatrixHost"),
        /** Every library merged into one jar. */
        SHADED_JAR("-jar", "host-app-shaded.jar"),
        /** Libraries nested in BOOT-INF/lib, started by Spring Boot 3's launcher. */
        SPRING_BOOT_3_JAR("-jar", "host-app-boot.jar"),
        /** The same with Spring Boot 4's, the application nested too (module host-app-boot4). */
        SPRING_BOOT_4_JAR(
                "-jar",
                System.getProperty("isolate4j.it.hostAppBoot4", "../../host-app-boot4/target/host-app-boot4.jar"));

        private final List<String> arguments;

        Packaging(String... arguments) {
            this.arguments = List.of(arguments);
        }
    }

    static Stream<Arguments> hosts() {
        List<Arguments> hosts = new ArrayList<>();
        for (Packaging packaging : Packaging.values()) {
            hosts.add(Arguments.of(packaging, Path.of(System.getProperty("java.home"))));
            hosts.add(Arguments.of(packaging, TEMURIN_25));
        }
        return hosts.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("hosts")
    void hostLivesThroughLoadsFromEndingThreadsACrashAndAClose(Packaging packaging, Path javaHome) throws Exception {
        Path java = javaHome.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            String reason = "skipped: no JDK at " + javaHome + " on this machine";
            System.out.println("HostMatrixTest " + packaging + ": " + reason);
            Assumptions.abort(reason);
        }
        TestRepository repository = TestRepository.withFixtureApi(tmp.resolve("repository"));
        Path hostTmp = Files.createDirectories(tmp.resolve("host-tmp"));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + hostTmp));
        if (packaging == Packaging.MODULE_PATH
                && Runtime.Version.parse(release(javaHome)).feature() >= 25) {
            // What the README asks of a module-path host on JDK 25: its manager refuses without it
            // (ModulePathHostTest checks that).
            command.add(ModulePathHostTest.FORY_OPENING);
        }
        command.addAll(packaging.arguments);
        command.addAll(List.of(
                Fixtures.extensionJar().toAbsolutePath().toString(),
                // relative to the host's working directory, with a "..", as a user may write it
                "../" + HOST_APP.toAbsolutePath().normalize().getFileName() + "/env-" + tmp.getFileName(),
                repository.url()));
        Path envRoot = HOST_APP.toAbsolutePath().normalize().resolve("env-" + tmp.getFileName());

        HostRun run = HostRun.start(command, HOST_APP, tmp);
        try {
            run.awaitExit(HOST_TIMEOUT);
            String output = run.stdout();
            assertWithMessage("exit status; output:\n%s\nstderr:\n%s", output, run.stderr())
                    .that(run.exitStatus())
                    .isEqualTo(0);
            boolean sandbox = bubblewrapRuns();
            for (String label : List.of("SHARED", "ISOLATED", "RESTARTED")) {
                assertThat(output).containsMatch("(?m)^" + label + " \\d+ sandboxed=" + sandbox + " answers$");
            }
            if (Runtime.Version.parse(release(javaHome)).feature() >= 21) {
                assertThat(output).containsMatch("(?m)^VIRTUAL \\d+ sandboxed=" + sandbox + " answers$");
            }
            assertThat(output).contains("STOPPED isolated alive=false");
            assertThat(output).containsMatch("(?m)^DONE$");
            assertWithMessage("the host's stderr").that(run.stderr()).isEmpty();
            // The children's stderr reaches the host's log: a JDK warning would show there.
            assertThat(output).doesNotContain("WARNING");
            for (long pid : pids(output)) {
                assertWithMessage("child %s after the host closed its manager", pid)
                        .that(ProcessHandle.of(pid).map(ChildProcesses::runs).orElse(false))
                        .isFalse();
            }
            try (Stream<Path> left = Files.list(hostTmp)) {
                assertWithMessage("what the host left in its temporary directory")
                        .that(left.map(path -> path.getFileName().toString()).toList())
                        .isEmpty();
            }
        } finally {
            run.close();
            if (Files.exists(envRoot)) {
                IsolatedEnvironmentTest.deleteRecursively(envRoot);
            }
        }
    }

    private static boolean bubblewrapRuns() {
        try {
            Process probe = new ProcessBuilder("bwrap", "--ro-bind", "/", "/", "true")
                    .redirectErrorStream(true)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<Long> pids(String output) {
        return output.lines()
                .filter(line -> line.startsWith("PIDS "))
                .flatMap(line -> Arrays.stream(line.substring("PIDS ".length()).split(" ")))
                .map(Long::parseLong)
                .toList();
    }

    /** The JDK's version from its {@code release} file. */
    private static String release(Path javaHome) throws IOException {
        return Files.readAllLines(javaHome.resolve("release")).stream()
                .filter(line -> line.startsWith("JAVA_VERSION="))
                .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                .findFirst()
                .orElseThrow();
    }

    /** A host JVM whose stdout and stderr go to files of their own. */
    private record HostRun(Process process, Path stdoutFile, Path stderrFile) implements AutoCloseable {
        static HostRun start(List<String> command, Path directory, Path outputDirectory) throws IOException {
            Path stdout = outputDirectory.resolve("host.out");
            Path stderr = outputDirectory.resolve("host.err");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            return new HostRun(process, stdout, stderr);
        }

        void awaitExit(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the host did not exit within " + timeout + "; output:\n" + stdout()
                        + "\nstderr:\n" + stderr());
            }
        }

        int exitStatus() {
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(stdoutFile);
        }

        String stderr() throws IOException {
            return Files.readString(stderrFile);
        }

        @Override
        public void close() {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroyForcibly();
            descendants.forEach(ChildProcesses::killQuietly);
        }
    }
}
