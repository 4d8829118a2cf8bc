package dev.isolate4j.internal.sharedmemory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files behind shared buffers: named {@code isolate4j-<owner pid>-<n>} in {@code /dev/shm}, so
 * that the buffers of a process that died can be found and removed by pid.
 */
public final class SharedMemoryFiles {
    private static final Logger log = LoggerFactory.getLogger(SharedMemoryFiles.class);
    private static final Pattern NAME = Pattern.compile("isolate4j-(\\d+)-\\d+");
    private static final AtomicLong NEXT = new AtomicLong();

    private SharedMemoryFiles() {}

    /** {@return the directory: {@code /dev/shm}, or the {@code isolate4j.shm.dir} system property (for tests)} */
    public static Path directory() {
        return Path.of(System.getProperty("isolate4j.shm.dir", "/dev/shm"));
    }

    /** {@return a new file name for a buffer of this process, not created yet} */
    public static Path newFile() {
        return directory().resolve("isolate4j-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet());
    }

    /**
     * Whether {@code file} is one of ours, so that a handle cannot make us map any other file.
     *
     * @param file a buffer file named in a handle
     * @return whether it is a shared buffer file in {@link #directory()}
     */
    public static boolean isSharedBufferFile(Path file) {
        return file.getParent() != null
                && file.getParent().equals(directory())
                && NAME.matcher(file.getFileName().toString()).matches();
    }

    /**
     * Removes the buffers that process {@code pid} owned; called when it ended.
     *
     * @param pid the process id
     * @return how many files were removed
     */
    public static int removeOwnedBy(long pid) {
        return remove(owner -> owner == pid);
    }

    /**
     * Removes the buffers whose owner is no longer running: what a host killed with SIGKILL left.
     *
     * @return how many files were removed
     */
    public static int removeStale() {
        return remove(owner -> ProcessHandle.of(owner).map(p -> !p.isAlive()).orElse(true));
    }

    /**
     * Deletes {@code file} if it exists, logging a failure instead of throwing.
     *
     * @param file the buffer file
     */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove shared buffer file {}", file, e);
        }
    }

    private interface OwnerTest {
        boolean remove(long ownerPid);
    }

    private static int remove(OwnerTest test) {
        Path directory = directory();
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "isolate4j-*")) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && test.remove(Long.parseLong(name.group(1)))) {
                    deleteQuietly(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("cannot list {} to remove shared buffers", directory, e);
        }
        return removed;
    }
}
