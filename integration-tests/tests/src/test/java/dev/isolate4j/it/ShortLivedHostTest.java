package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that exits a second after its first load, the first of its kind, in the default
 * configuration (sandbox on where bubblewrap runs, default JVM options), on each JDK installed for
 * the child: it leaves no half-made archive and no lock, and the next host's children map an
 * archive, the one the first host's dumper finished after it exited if it stopped its child, or
 * else one of their own.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShortLivedHostTest {
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final Duration HOST_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    TestRepository repository;
    Path envRoot;
    Path hostTmp;
    /** The pids of the hosts this test started. */
    final List<Long> hosts = new ArrayList<>();

    static List<Path> childJdks() {
        return List.of(Path.of(System.getProperty("java.home")), TEMURIN_25);
    }

    @BeforeEach
    void repositoryAndDirectories() throws Exception {
        repository = TestRepository.withFixtureApi(tmp.resolve("repository"));
        envRoot = tmp.resolve("environments");
        hostTmp = Files.createDirectories(tmp.resolve("host-tmp"));
    }

    @ParameterizedTest(name = "child on {0}")
    @MethodSource("childJdks")
    void aHostThatClosesItsManagerLeavesAnArchiveThatTheNextHostsFirstChildMaps(Path childJdk) throws Exception {
        requireJdk(childJdk);
        try (HostJvm brief = host(BriefHost.CLOSE, childJdk)) {
            assertWithMessage("exit status; output:\n%s", brief.output())
                    .that(brief.awaitExit(HOST_TIMEOUT))
                    .isEqualTo(0);
        }

        // The dump outlives the host that started it, and completes the archive on its own.
        Await.until(
                "the archive is dumped", HOST_TIMEOUT, () -> classData(".jsa").size() == 1);
        awaitNoTemporaryFile();
        String next = runNext(childJdk);
        assertThat(next).contains("NEXT recording=false mapped=true");
        assertNothingLeftBehind();
    }

    @ParameterizedTest(name = "child on {0}")
    @MethodSource("childJdks")
    void aHostKilledASecondAfterItsFirstLoadStandsInNobodysWay(Path childJdk) throws Exception {
        requireJdk(childJdk);
        try (HostJvm brief = host(BriefHost.HOLD, childJdk)) {
            String child = brief.awaitLine(line -> line.startsWith(BriefHost.CHILD_PREFIX), HOST_TIMEOUT);
            Thread.sleep(1_000);
            brief.process().destroyForcibly(); // SIGKILL: nothing of the host runs any more
            assertThat(brief.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            awaitGone(child);
        }

        assertThat(classData(".tmp")).isEmpty();
        assertThat(classData(".jsa")).isEmpty();
        String next = runNext(childJdk);
        // The lock died with the host: the next host's first child records, its second maps.
        assertThat(next).contains("NEXT recording=true mapped=false");
        assertThat(next).contains("AGAIN recording=false mapped=true");
        assertNothingLeftBehind();
    }

    @ParameterizedTest(name = "child on {0}")
    @MethodSource("childJdks")
    void aHostThatExitsWithoutClosingItsManagerStandsInNobodysWay(Path childJdk) throws Exception {
        requireJdk(childJdk);
        String child;
        try (HostJvm brief = host(BriefHost.EXIT, childJdk)) {
            assertWithMessage("exit status; output:\n%s", brief.output())
                    .that(brief.awaitExit(HOST_TIMEOUT))
                    .isEqualTo(0);
            child = brief.awaitLine(line -> line.startsWith(BriefHost.CHILD_PREFIX), HOST_TIMEOUT);
        }
        awaitGone(child);

        assertThat(classData(".tmp")).isEmpty();
        String next = runNext(childJdk);
        assertThat(next).contains("NEXT recording=true mapped=false");
        assertThat(next).contains("AGAIN recording=false mapped=true");
        assertNothingLeftBehind();
    }

    private static void requireJdk(Path javaHome) {
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            String reason = "skipped: no JDK at " + javaHome + " on this machine";
            System.out.println("ShortLivedHostTest: " + reason);
            Assumptions.abort(reason);
        }
    }

    private HostJvm host(String mode, Path childJdk) throws IOException {
        HostJvm host = HostJvm.startMain(
                BriefHost.class,
                List.of("-Djava.io.tmpdir=" + hostTmp),
                List.of(
                        mode,
                        Fixtures.extensionJar().toAbsolutePath().toString(),
                        envRoot.toAbsolutePath().toString(),
                        repository.url(),
                        childJdk.toString()));
        hosts.add(host.process().pid());
        return host;
    }

    /** Runs the next host to its end; returns its output. */
    private String runNext(Path childJdk) throws Exception {
        try (HostJvm next = host(BriefHost.NEXT, childJdk)) {
            assertWithMessage("exit status; output:\n%s", next.output())
                    .that(next.awaitExit(HOST_TIMEOUT))
                    .isEqualTo(0);
            return next.output();
        }
    }

    /**
     * After a host that stopped its children: an archive, no temporary file, nothing in its tmp, and
     * no socket directory of these hosts in {@code /dev/shm} (a killed host's is removed by the next).
     */
    private void assertNothingLeftBehind() throws IOException, InterruptedException {
        awaitNoTemporaryFile();
        assertThat(classData(".jsa")).hasSize(1);
        try (Stream<Path> left = Files.list(hostTmp)) {
            assertWithMessage("what the hosts left in their temporary directory")
                    .that(left.map(path -> path.getFileName().toString()).toList())
                    .isEmpty();
        }
        try (Stream<Path> left = Files.list(Path.of("/dev/shm"))) {
            assertWithMessage("what the hosts %s left in /dev/shm", hosts)
                    .that(left.map(path -> path.getFileName().toString())
                            .filter(name ->
                                    hosts.stream().anyMatch(pid -> name.startsWith("isolate4j-socket-" + pid + "-")))
                            .toList())
                    .isEmpty();
        }
    }

    /** A dump's temporary files go a moment after its archive is in place. */
    private void awaitNoTemporaryFile() throws InterruptedException {
        Await.until(
                "no temporary file is left",
                Duration.ofSeconds(10),
                () -> classData(".tmp").isEmpty());
    }

    private static void awaitGone(String childLine) throws InterruptedException {
        long pid = Long.parseLong(
                childLine.substring(BriefHost.CHILD_PREFIX.length()).trim());
        ProcessHandle child = ProcessHandle.of(pid).orElse(null);
        if (child != null) {
            assertWithMessage("child %s of the first host is gone", pid)
                    .that(ChildProcesses.awaitGone(child, Duration.ofSeconds(10)))
                    .isTrue();
        }
    }

    /** The names of the archive directory's files that end with {@code suffix}. */
    private List<String> classData(String suffix) {
        Path directory = envRoot.resolve(".class-data");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
