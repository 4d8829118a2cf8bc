package dev.isolate4j.internal.classdata;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.jdk.JdkOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data-sharing archives for child JVMs, kept in one directory of the environment root and
 * reused by every later start with the same JDK, class path and JVM options.
 *
 * <p>Why: a child spends most of its start loading and initializing classes, Fory's above all;
 * mapped from an archive they cost about a third (the README has the figures).
 *
 * <p>How, on JDK 17, which cannot dump a running JVM's classes: the first child of a kind records
 * the classes it loads ({@code -XX:DumpLoadedClassList}) into its private socket directory. Once it
 * has been ready for {@link #RECORDING_TIME}, or when it goes away sooner, the host copies that list
 * and a background JVM dumps a static archive from it
 * ({@code -Xshare:dump}), under a temporary name moved into place when complete. Later children map
 * it ({@code -XX:SharedArchiveFile}). One process at a time dumps a given archive (a lock file);
 * a dump that fails is logged, and a later start records again. Nothing here ever fails a start:
 * without an archive a child simply starts slower.
 */
public final class ClassDataArchives {
    private static final Logger log = LoggerFactory.getLogger(ClassDataArchives.class);

    /** How long the first child records its classes before the archive is dumped. */
    static final Duration RECORDING_TIME = Duration.ofSeconds(2);

    /** A lock older than this was left by a process that ended before its dump did. */
    private static final Duration STALE_LOCK = Duration.ofMinutes(3);

    /** A class list larger than this is not a class list. */
    private static final long MAX_CLASS_LIST_BYTES = 16 << 20;

    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Archives kept per directory, the newest: each new runtime jar, JDK or set of JVM options makes
     * another, about 18 MiB, and the old ones would pile up. A process that maps one that is removed
     * keeps its mapping.
     */
    static final int KEPT_ARCHIVES = 4;

    private final Path directory;

    /**
     * Archives kept in {@code directory}, created when first needed.
     *
     * @param directory where the archives live
     */
    public ClassDataArchives(Path directory) {
        this.directory = directory;
    }

    /**
     * What a child's start does about class data sharing.
     *
     * @param jvmOptions the options to put before the user's
     * @param archive the archive the child maps, which a sandbox must let it read; {@code null} when
     *     none
     * @param onReady to run once the child is ready: schedules the dump of a recording child
     * @param onFailed to run when the child failed to start: lets a later start record
     * @param onGone to run when the child is gone, before its directory is removed: a recording
     *     child that lived shorter than the recording time is dumped all the same
     */
    public record Plan(List<String> jvmOptions, Path archive, Runnable onReady, Runnable onFailed, Runnable onGone) {
        /** Nothing: the child starts without an archive. */
        public static final Plan NONE = new Plan(List.of(), null, () -> {}, () -> {}, () -> {});
    }

    /**
     * Plans a child's start.
     *
     * @param javaHome the child's JDK
     * @param classPath the child's class path
     * @param jvmOptions the user's JVM options for the child
     * @param privateDirectory a directory the child may write, and the host read, while it runs
     * @return the plan; {@link Plan#NONE} when the class path cannot be archived, or another start
     *     is recording the same archive
     */
    public Plan plan(Path javaHome, String classPath, List<String> jvmOptions, Path privateDirectory) {
        Optional<String> key = ArchiveKey.of(javaHome, classPath, jvmOptions);
        if (key.isEmpty()) {
            return Plan.NONE;
        }
        Path archive = directory.resolve(key.get() + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new Plan(
                    List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), archive, () -> {}, () -> {}, () -> {});
        }
        Path lock = directory.resolve(key.get() + ".lock");
        if (!tryLock(lock)) {
            return Plan.NONE; // another start records or dumps this archive
        }
        Path classList = privateDirectory.resolve("classes.lst");
        Dump dump = new Dump(javaHome, classPath, layoutOptions(jvmOptions), classList, archive, lock);
        return new Plan(
                List.of("-XX:DumpLoadedClassList=" + classList),
                null,
                dump::scheduleAfterRecording,
                dump::abandon,
                dump::start);
    }

    private boolean tryLock(Path lock) {
        try {
            Files.createDirectories(directory);
            try {
                Files.createFile(lock);
                return true;
            } catch (FileAlreadyExistsException e) {
                FileTime created = Files.getLastModifiedTime(lock);
                if (created.toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
                    Files.deleteIfExists(lock);
                    Files.createFile(lock);
                    return true;
                }
                return false;
            }
        } catch (IOException e) {
            log.debug("no class-data archive: cannot lock {}", lock, e);
            return false;
        }
    }

    /** Dumps one archive from a recording child's class list. */
    /** Dumps one archive from a recording child's class list, once. */
    /**
     * The options of {@code jvmOptions} that decide whether an archive maps: the heap's size (past
     * 32 GiB, no compressed object pointers), pointer compression, object alignment and the
     * collector. An archive dumped without the child's own would never map; the rest (agents, logs,
     * properties) stays out of the dumping JVM.
     */
    static List<String> layoutOptions(List<String> jvmOptions) {
        return jvmOptions.stream()
                .filter(option -> option.startsWith("-Xmx")
                        || option.startsWith("-XX:MaxHeapSize=")
                        || option.startsWith("-XX:ObjectAlignmentInBytes=")
                        || option.matches("-XX:[+-]UseCompressed(Oops|ClassPointers)")
                        || option.matches("-XX:\\+Use\\w+GC"))
                .toList();
    }

    private static final class Dump {
        private final Path javaHome;
        private final String classPath;
        private final List<String> layoutOptions;
        private final Path classList;
        private final Path archive;
        private final Path lock;
        private final AtomicBoolean started = new AtomicBoolean();

        Dump(Path javaHome, String classPath, List<String> layoutOptions, Path classList, Path archive, Path lock) {
            this.javaHome = javaHome;
            this.classPath = classPath;
            this.layoutOptions = layoutOptions;
            this.classList = classList;
            this.archive = archive;
            this.lock = lock;
        }

        void scheduleAfterRecording() {
            CompletableFuture.runAsync(
                    this::start, CompletableFuture.delayedExecutor(RECORDING_TIME.toMillis(), TimeUnit.MILLISECONDS));
        }

        /**
         * Copies the child's class list now, then dumps on a thread of its own; once, whichever comes
         * first: the end of the recording time, or the child going away with its directory.
         */
        void start() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            Path list = sibling(".lst.tmp");
            if (copyClassList(list)) {
                DaemonThreads.start("isolate4j-class-data-dump", () -> dump(list));
            } else {
                deleteQuietly(list);
                deleteQuietly(lock);
            }
        }

        /** The child failed to start: no dump, and a later start may record. */
        void abandon() {
            if (started.compareAndSet(false, true)) {
                deleteQuietly(lock);
            }
        }

        /** The child may have put anything there: only a plain file, not a link, is read. */
        private boolean copyClassList(Path list) {
            try {
                if (!Files.isRegularFile(classList, LinkOption.NOFOLLOW_LINKS)
                        || Files.size(classList) > MAX_CLASS_LIST_BYTES) {
                    log.warn(
                            "class-data archive {}: the child's class list {} is not a plain file of at most {}"
                                    + " bytes; no archive",
                            archive,
                            classList,
                            MAX_CLASS_LIST_BYTES);
                    return false;
                }
                try (InputStream in = Files.newInputStream(classList, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
                }
                return true;
            } catch (IOException e) {
                log.debug("class-data archive {}: no class list to dump from: {}", archive, e.toString());
                return false;
            }
        }

        private void dump(Path list) {
            Path output = sibling(".jsa.tmp");
            try {
                List<String> command = new ArrayList<>();
                command.add(javaHome.resolve("bin").resolve("java").toString());
                command.addAll(layoutOptions);
                // The children's module options: on JDK 25 a child whose --add-opens differ from the
                // dump's prints CDS errors on its stdout.
                command.addAll(JdkOptions.forJavaHome(javaHome));
                command.addAll(
                        List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + output));
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(sibling(".log").toFile());
                // The same class path, set the same way, as the children that will map the archive.
                builder.environment().put("CLASSPATH", classPath);
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(DUMP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    log.warn("class-data archive {}: the dump took over {}; left without", archive, DUMP_TIMEOUT);
                } else if (process.exitValue() != 0 || !Files.isRegularFile(output)) {
                    log.warn(
                            "class-data archive {}: the dump failed with status {}; see {}",
                            archive,
                            process.exitValue(),
                            sibling(".log"));
                } else {
                    Files.move(output, archive, StandardCopyOption.ATOMIC_MOVE);
                    log.debug("class-data archive {} written", archive);
                    removeAllButNewest(archive.getParent(), KEPT_ARCHIVES);
                }
            } catch (IOException e) {
                log.debug("class-data archive {}: not dumped: {}", archive, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                deleteQuietly(list);
                deleteQuietly(output);
                deleteQuietly(lock);
            }
        }

        private Path sibling(String suffix) {
            String name = archive.getFileName().toString();
            return archive.resolveSibling(name.substring(0, name.length() - ".jsa".length()) + suffix);
        }
    }

    /** Removes the archives of {@code directory} but the {@code kept} newest. */
    static void removeAllButNewest(Path directory, int kept) throws IOException {
        List<Path> archives;
        try (Stream<Path> files = Files.list(directory)) {
            archives = files.filter(file -> file.getFileName().toString().endsWith(".jsa"))
                    .sorted(Comparator.comparing(ClassDataArchives::modified).reversed())
                    .toList();
        }
        for (Path old : archives.subList(Math.min(kept, archives.size()), archives.size())) {
            deleteQuietly(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone already: first in line to go
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("cannot delete {}", path, e);
        }
    }
}
