package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class data sharing as a user gets it, in the default configuration (sandboxed): the first isolated
 * child records its classes, an archive appears in the environment root, and the next child maps it.
 */
class ClassDataSharingTest {
    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path tmp;

    TestRepository repo;
    Path envRoot;

    @BeforeEach
    void repositoryAndEnvironmentRoot() throws Exception {
        repo = TestRepository.withFixtureApi(tmp.resolve("repository"));
        envRoot = tmp.resolve("environments");
    }

    @Test
    void aLaterChildMapsTheArchiveTheFirstOneRecorded() throws Exception {
        try (ExtensionManager<TestExtension> manager = manager(envRoot, true)) {
            TestExtension first = manager.loadExtension(Fixtures.isolated("first", repo.url()));
            assertThat(first.echo("recording")).isEqualTo("recording");
            assertThat(archives(envRoot)).isEmpty();

            Path archive = awaitArchive();

            TestExtension second = manager.loadExtension(Fixtures.isolated("second", repo.url()));
            assertThat(second.echo("mapped")).isEqualTo("mapped");
            assertThat(mappedFiles(ExtensionHandle.of(second).pid()))
                    .contains(archive.toRealPath().toString());
            assertThat(mappedFiles(ExtensionHandle.of(first).pid()))
                    .doesNotContain(archive.toRealPath().toString());
        }
    }

    @Test
    void childrenKeepTheArchivesAsPagesOfTheFilesNotAsCopiesOfTheirOwn() throws Exception {
        try (ExtensionManager<TestExtension> manager = manager(envRoot, true)) {
            TestExtension first = manager.loadExtension(Fixtures.isolated("first", repo.url()));
            assertThat(first.echo("recording")).isEqualTo("recording");
            assertMostlyShared(ExtensionHandle.of(first).pid(), "classes.jsa");

            Path archive = awaitArchive();
            TestExtension second = manager.loadExtension(Fixtures.isolated("second", repo.url()));
            assertThat(second.echo("mapped")).isEqualTo("mapped");
            assertMostlyShared(
                    ExtensionHandle.of(second).pid(), archive.getFileName().toString());

            // The JDK's own choice, a random address, stays the user's to make: their options come last.
            // Options of its own make this child the first of its kind: it maps the JDK's archive.
            TestExtension relocated = manager.loadExtension(
                    withJvmArgs(Fixtures.isolated("relocated", repo.url()), List.of("-XX:ArchiveRelocationMode=1")));
            assertThat(relocated.echo("copied")).isEqualTo("copied");
            assertThat(copiedShare(ExtensionHandle.of(relocated).pid(), "classes.jsa"))
                    .isGreaterThan(0.5);
        }
    }

    @Test
    void aFirstChildThatStopsRightAfterItsFirstCallStillLeavesAnArchive() throws Exception {
        try (ExtensionManager<TestExtension> manager = manager(envRoot, true)) {
            TestExtension brief = manager.loadExtension(Fixtures.isolated("brief", repo.url()));
            assertThat(brief.echo("bye")).isEqualTo("bye");
            manager.stopExtension("brief");

            Path archive = awaitArchive();
            TestExtension next = manager.loadExtension(Fixtures.isolated("next", repo.url()));
            assertThat(mappedFiles(ExtensionHandle.of(next).pid()))
                    .contains(archive.toRealPath().toString());
        }
    }

    @Test
    void aChildOnJdk25MapsTheArchiveItsFirstOneRecordedToo() throws Exception {
        if (!Files.isExecutable(TEMURIN_25.resolve("bin/java"))) {
            String reason = "skipped: no JDK at " + TEMURIN_25 + " on this machine";
            System.out.println("ClassDataSharingTest: " + reason);
            Assumptions.abort(reason);
        }
        try (ExtensionManager<TestExtension> manager = manager(envRoot, true)) {
            manager.loadExtension(onJdk25(Fixtures.isolated("first", repo.url())));
            Path archive = awaitArchive();

            TestExtension second = manager.loadExtension(onJdk25(Fixtures.isolated("second", repo.url())));

            assertThat(second.echo("mapped")).isEqualTo("mapped");
            assertThat(mappedFiles(ExtensionHandle.of(second).pid()))
                    .contains(archive.toRealPath().toString());
            assertMostlyShared(
                    ExtensionHandle.of(second).pid(), archive.getFileName().toString());
        }
    }

    @Test
    void aChildWithAHeapTooLargeForCompressedPointersMapsItsArchiveToo() throws Exception {
        // Past 32 GiB of heap a JVM does not compress object pointers, and maps only an archive
        // dumped the same way. Only address space is reserved: the heap is never touched.
        List<String> largeHeap = List.of("-Xmx40g");
        try (ExtensionManager<TestExtension> manager = manager(envRoot, true)) {
            manager.loadExtension(withJvmArgs(Fixtures.isolated("first", repo.url()), largeHeap));
            Path archive = awaitArchive();

            TestExtension second =
                    manager.loadExtension(withJvmArgs(Fixtures.isolated("second", repo.url()), largeHeap));

            assertThat(second.echo("mapped")).isEqualTo("mapped");
            assertThat(mappedFiles(ExtensionHandle.of(second).pid()))
                    .contains(archive.toRealPath().toString());
        }
    }

    @Test
    void aBrokenArchiveOnlyCostsTheSpeedUp() throws Exception {
        try (ExtensionManager<TestExtension> manager = manager(envRoot, true)) {
            manager.loadExtension(Fixtures.isolated("first", repo.url()));
            Path archive = awaitArchive();
            archive.toFile().setWritable(true);
            Files.write(archive, new byte[] {1, 2, 3, 4});

            TestExtension second = manager.loadExtension(Fixtures.isolated("second", repo.url()));

            assertThat(second.echo("still starts")).isEqualTo("still starts");
        }
    }

    @Test
    void switchedOffNothingIsRecorded() throws Exception {
        try (ExtensionManager<TestExtension> manager = manager(envRoot, false)) {
            TestExtension extension = manager.loadExtension(Fixtures.isolated("plain", repo.url()));
            assertThat(extension.echo("plain")).isEqualTo("plain");
            String commandLine = Files.readString(
                    Path.of("/proc/" + ExtensionHandle.of(extension).pid() + "/cmdline"));
            assertThat(commandLine).doesNotContain("DumpLoadedClassList");
            assertThat(commandLine).doesNotContain("SharedArchiveFile");
        }
        assertThat(Files.exists(envRoot.resolve(".class-data"))).isFalse();
    }

    private static ExtensionConfig onJdk25(ExtensionConfig config) {
        return ExtensionConfig.builder(config.name())
                .modulePath(config.modulePath())
                .isolated(true)
                .dependencies(config.dependencies())
                .repositories(config.repositories())
                .javaHome(TEMURIN_25)
                .build();
    }

    private static ExtensionConfig withJvmArgs(ExtensionConfig config, List<String> jvmArgs) {
        return ExtensionConfig.builder(config.name())
                .modulePath(config.modulePath())
                .isolated(true)
                .dependencies(config.dependencies())
                .repositories(config.repositories())
                .jvmArgs(jvmArgs)
                .build();
    }

    private static ExtensionManager<TestExtension> manager(Path envRoot, boolean classDataSharing) {
        return new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        // The test's own: the fixture API of this build, not one ~/.m2 kept from an earlier one.
                        .localRepository(envRoot.resolveSibling("local-repository"))
                        .classDataSharing(classDataSharing)
                        .build());
    }

    /** The first child of a kind records its classes; a dumper process dumps them seconds later. */
    private Path awaitArchive() throws InterruptedException {
        Await.until(
                "the class-data archive is dumped",
                Duration.ofSeconds(90),
                () -> !archives(envRoot).isEmpty());
        return archives(envRoot).get(0);
    }

    private static List<Path> archives(Path envRoot) {
        Path directory = envRoot.resolve(".class-data");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa"))
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Asserts that most of what a process keeps resident of the files named {@code fileName} is the
     * files' own pages, which every child that maps them shares, not copies the process made: a JVM
     * that relocates an archive at its start (the JDK's default) writes to every page of it (10 of
     * the 13 MiB of JDK 17's own archive).
     */
    private static void assertMostlyShared(long pid, String fileName) throws IOException {
        assertWithMessage("the share of child %s's resident pages of %s that are its own copies", pid, fileName)
                .that(copiedShare(pid, fileName))
                .isLessThan(0.5);
    }

    /** Of what a process keeps resident of the files named {@code fileName}, the share it copied. */
    private static double copiedShare(long pid, String fileName) throws IOException {
        long resident = 0;
        long copied = 0;
        boolean inFile = false;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inFile = line.endsWith("/" + fileName);
            } else if (inFile && line.startsWith("Rss:")) {
                resident += kibibytes(line);
            } else if (inFile && line.startsWith("Anonymous:")) {
                // Copies the process made of the file's pages. Not Private_Dirty: a page of an archive
                // dumped seconds ago is dirty in the page cache until written back, yet shared.
                copied += kibibytes(line);
            }
        }
        assertWithMessage("KiB of %s resident in process %s", fileName, pid)
                .that(resident)
                .isGreaterThan(0L);
        return (double) copied / resident;
    }

    private static long kibibytes(String smapsLine) {
        return Long.parseLong(smapsLine.replaceAll("[^0-9]", ""));
    }

    /** The files a process has mapped, from /proc. */
    private static String mappedFiles(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/maps"));
    }
}
