package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.ResolutionProgress;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two host processes prepare the same isolated environment at the same moment: both wait for the
 * environment's lock, then take turns; one resolves, the other reuses its record, and the record
 * stays intact.
 */
class ConcurrentPreparationTest {
    private static final String NAME = "shared";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void twoHostsPreparingOneEnvironmentAtOnceLeaveOneIntactRecord() throws Exception {
        Path repository = tmp.resolve("repository");
        // Taken once: Path.toUri ends a directory's URL with '/' only while the directory exists.
        String url = TestRepository.withFixtureApi(repository).url();
        Path envRoot = tmp.resolve("environments");
        // A local repository each: a host that resolved leaves the artifact in its own.
        Path localA = tmp.resolve("local-a");
        Path localB = tmp.resolve("local-b");

        List<Long> childPids = new ArrayList<>();
        List<Integer> downloads = new ArrayList<>();
        Path directory = envRoot.resolve(NAME);
        Files.createDirectories(directory);
        try (HostJvm a = startHost(envRoot, localA, url);
                HostJvm b = startHost(envRoot, localB, url)) {
            // Both run before either is waited for. While this JVM holds the environment's lock, both
            // start preparing and wait for it; released, it lets them race for it.
            a.awaitLine(PreparingHost.READY::equals, WAIT);
            b.awaitLine(PreparingHost.READY::equals, WAIT);
            try (FileChannel channel = FileChannel.open(
                            directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                a.send("GO");
                b.send("GO");
                awaitWaitingForTheLock(
                        directory.resolve(".lock"),
                        List.of(a.process().pid(), b.process().pid()));
                assertThat(a.lines().stream().noneMatch(l -> l.startsWith(PreparingHost.LOADED_PREFIX)))
                        .isTrue();
                assertThat(b.lines().stream().noneMatch(l -> l.startsWith(PreparingHost.LOADED_PREFIX)))
                        .isTrue();
            }

            for (HostJvm host : List.of(a, b)) {
                String loaded = host.awaitLine(line -> line.startsWith(PreparingHost.LOADED_PREFIX), WAIT);
                String[] fields =
                        loaded.substring(PreparingHost.LOADED_PREFIX.length()).split(" ");
                childPids.add(Long.parseLong(fields[0]));
                downloads.add(Integer.parseInt(fields[1]));
            }
            assertThat(a.awaitExit(WAIT)).isEqualTo(0);
            assertThat(b.awaitExit(WAIT)).isEqualTo(0);
        }

        assertThat(childPids.get(0)).isNotEqualTo(childPids.get(1));
        for (long pid : childPids) {
            ProcessHandle.of(pid).ifPresent(child -> {
                try {
                    assertThat(ChildProcesses.awaitGone(child, Duration.ofSeconds(10)))
                            .isTrue();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        }
        // The lock made them take turns: exactly one resolved, the other read its record.
        assertThat(downloads.stream().filter(n -> n > 0).count()).isEqualTo(1);
        assertThat(downloads).contains(0);
        Path jarA = localA.resolve("dev/isolate4j/it/probe-api/1.0/probe-api-1.0.jar");
        Path jarB = localB.resolve("dev/isolate4j/it/probe-api/1.0/probe-api-1.0.jar");
        assertThat(Files.isRegularFile(jarA) ^ Files.isRegularFile(jarB)).isTrue();

        String classPath = assertIntactRecord(directory);
        assertThat(classPath).contains(Files.isRegularFile(jarA) ? jarA.toString() : jarB.toString());

        // The repository is gone and the local repository is new: only the record can serve a load.
        IsolatedEnvironmentTest.deleteRecursively(repository);
        List<ResolutionProgress> progress = new CopyOnWriteArrayList<>();
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot)
                        .localRepository(tmp.resolve("local-c"))
                        .resolutionListener(progress::add)
                        .build())) {
            TestExtension extension = manager.loadExtension(ExtensionConfig.builder(NAME)
                    .modulePath(Fixtures.extensionJar())
                    .isolated(true)
                    .dependencies(PreparingHost.DEPENDENCY)
                    .repositories(List.of(url))
                    .build());
            assertThat(extension.echo("third")).isEqualTo("third");
        }
        assertThat(progress).isEmpty();
        assertThat(Files.exists(tmp.resolve("local-c"))).isFalse();
        assertThat(assertIntactRecord(directory)).isEqualTo(classPath);
    }

    /**
     * Waits until the processes {@code pids} all wait for the file lock on {@code lockFile}, as Linux
     * shows in {@code /proc/locks}; elsewhere, gives them a second to get there.
     */
    private static void awaitWaitingForTheLock(Path lockFile, List<Long> pids) throws Exception {
        Path locks = Path.of("/proc/locks");
        if (!Files.isReadable(locks)) {
            Thread.sleep(1000);
            return;
        }
        String inode = ":" + Files.getAttribute(lockFile, "unix:ino") + " ";
        Await.until("hosts " + pids + " wait for the lock on " + lockFile, WAIT, () -> {
            try {
                Set<Long> waiting = new HashSet<>();
                for (String line : Files.readAllLines(locks)) {
                    // "1: -> POSIX  ADVISORY  WRITE <pid> <major>:<minor>:<inode> <start> <end>"
                    String[] fields = line.trim().split("\\s+");
                    if (line.contains(" -> ") && line.contains(inode) && fields.length > 5) {
                        waiting.add(Long.parseLong(fields[5]));
                    }
                }
                return waiting.containsAll(pids);
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("cannot read " + locks, e);
            }
        });
    }

    /** Checks the environment's record and returns its class path file's content. */
    private static String assertIntactRecord(Path directory) throws IOException {
        Path classPathFile = directory.resolve("classpath.txt");
        Path fingerprintFile = directory.resolve("fingerprint.txt");
        assertThat(Files.isRegularFile(classPathFile)).isTrue();
        assertThat(Files.isRegularFile(fingerprintFile)).isTrue();
        assertThat(Files.readString(fingerprintFile, StandardCharsets.UTF_8).trim())
                .matches("[0-9a-f]{64}");
        String content = Files.readString(classPathFile, StandardCharsets.UTF_8);
        List<String> entries = content.lines().filter(line -> !line.isBlank()).toList();
        assertThat(entries).hasSize(1);
        for (String entry : entries) {
            Path file = Path.of(entry);
            assertThat(file.isAbsolute()).isTrue();
            assertThat(Files.isRegularFile(file)).isTrue();
        }
        assertThat(entries.get(0)).endsWith("probe-api-1.0.jar");
        assertThat(content).doesNotContain("isolate4j-runtime");
        try (Stream<Path> files = Files.list(directory)) {
            // No half-written record is left behind.
            assertThat(files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".tmp"))
                            .toList())
                    .isEmpty();
        }
        return content;
    }

    /** Starts a {@link PreparingHost} in a JVM of its own. */
    private static HostJvm startHost(Path envRoot, Path localRepository, String repositoryUrl) throws IOException {
        return HostJvm.startMain(
                PreparingHost.class,
                List.of(),
                List.of(
                        Fixtures.extensionJar().toAbsolutePath().toString(),
                        envRoot.toAbsolutePath().toString(),
                        localRepository.toAbsolutePath().toString(),
                        repositoryUrl,
                        NAME));
    }
}
