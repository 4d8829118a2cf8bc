package dev.isolate4j.internal.classdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data-sharing archives for child JVMs, kept in one directory of the environment root and
 * reused by every later start with the same JDK, class path and JVM options.
 *
 * <p>Why: a child spends most of its start loading and initializing classes, Fory's above all;
 * mapped from an archive they cost about a third (the README has the figures).
 *
 * <p>How: the first child of a kind records the names of the classes it loads ({@code
 * -XX:DumpLoadedClassList}) into its private directory. Once it has been ready for {@link
 * Recording#RECORDING_TIME}, or when it goes away sooner, the host copies that list and starts an
 * {@link ArchiveDumper}, a process of its own that dumps a static archive from the jars themselves
 * ({@code -Xshare:dump}) and moves it into place in one step, whether or not the host still runs.
 * Later children map it ({@code -XX:SharedArchiveFile}).
 *
 * <p>Why not an archive the child writes itself ({@code -XX:ArchiveClassesAtExit}, or JDK 25's
 * {@code -XX:AOTCacheOutput}): its bytes would come from a sandboxed extension, and every child that
 * maps it runs the classes in it, those of other extensions with other sandboxes included (all
 * isolated children share a class path, the runtime's); a class list only names classes, which the
 * dump reads from the jars. Measured, neither started faster (see the README).
 *
 * <p>One process at a time records and dumps a given archive: it holds a {@link RecordingLock}, an
 * operating-system lock that goes with its process. Temporary files carry their writer's pid; a later
 * recording removes those of processes that are gone. Nothing here ever fails a start: without an
 * archive a child simply starts slower.
 */
public final class ClassDataArchives {
    private static final Logger log = LoggerFactory.getLogger(ClassDataArchives.class);
    private static final Runnable NOTHING = () -> {};

    /** The class list a recording child writes in its private directory. */
    static final String CLASS_LIST = "classes.lst";

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
        public static final Plan NONE = new Plan(List.of(), null, NOTHING, NOTHING, NOTHING);
    }

    /**
     * Plans a child's start.
     *
     * @param javaHome the child's JDK
     * @param classPath the child's class path
     * @param jvmOptions the user's JVM options for the child
     * @param privateDirectory a directory the child may write, and the host read, while it runs
     * @return the plan; {@link Plan#NONE} when the class path cannot be archived, or another process
     *     records or dumps the archive it would map
     */
    public Plan plan(Path javaHome, String classPath, List<String> jvmOptions, Path privateDirectory) {
        Optional<String> key = ArchiveKey.of(javaHome, classPath, jvmOptions);
        if (key.isEmpty()) {
            return Plan.NONE;
        }
        Path archive = directory.resolve(key.get() + ArchiveFiles.ARCHIVE);
        if (Files.isRegularFile(archive)) {
            return mapping(archive);
        }
        Optional<RecordingLock> lock = lock(ArchiveFiles.sibling(archive, ".lock"));
        if (lock.isEmpty()) {
            return Plan.NONE; // another start records or dumps this archive
        }
        if (Files.isRegularFile(archive)) {
            lock.get().close(); // moved into place by the dump that held the lock a moment ago
            return mapping(archive);
        }
        ArchiveFiles.removeLeftovers(directory);
        Path classList = privateDirectory.resolve(CLASS_LIST);
        Recording recording =
                new Recording(javaHome, classPath, layoutOptions(jvmOptions), classList, archive, lock.get());
        return new Plan(
                List.of("-XX:DumpLoadedClassList=" + classList),
                null,
                recording::scheduleAfterRecording,
                recording::abandon,
                recording::start);
    }

    private static Plan mapping(Path archive) {
        return new Plan(
                List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"), archive, NOTHING, NOTHING, NOTHING);
    }

    private Optional<RecordingLock> lock(Path lockFile) {
        try {
            Files.createDirectories(directory);
            return RecordingLock.tryAcquire(lockFile);
        } catch (IOException | RuntimeException e) {
            log.debug("no class-data archive: cannot lock {}", lockFile, e);
            return Optional.empty();
        }
    }

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
}
