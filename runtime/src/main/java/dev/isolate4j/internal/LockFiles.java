package dev.isolate4j.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files whose operating-system lock says that a running host still uses something under an
 * {@code envRootPath} shared with other hosts (a set of hard links, a prestarted child's directory).
 * The lock is seen by hosts in other processes and pid namespaces, where a pid is not, and is freed
 * when its host dies, however it dies.
 *
 * <pre>{@code
 * FileLock lock = LockFiles.create(file);   // null: a file system without locks
 * ...
 * LockFiles.release(lock, file);
 * }</pre>
 */
public final class LockFiles {
    private static final Logger log = LoggerFactory.getLogger(LockFiles.class);

    /** How a lock file's name starts while it is made: no cleanup looks at such names. */
    private static final String CREATING = ".creating-";

    private LockFiles() {}

    /**
     * Creates {@code file}, which must not exist, and locks it for this JVM. The file appears under
     * its name already locked: it is created and locked under a hidden name of its own, then renamed.
     * (Created under its name and locked a moment later, a lock file was taken in that moment by
     * another host's {@link #heldElsewhere}, judged abandoned and deleted with what it guarded.)
     *
     * @param file the lock file, in a directory that exists
     * @return the lock, held until {@link #release}; {@code null} where the file system gives none,
     *     and then no file is left, which other hosts would take for one whose host is gone
     */
    public static FileLock create(Path file) {
        Path hidden = file.resolveSibling(
                CREATING + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        FileChannel channel = null;
        try {
            channel = FileChannel.open(hidden, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.move(hidden, file, StandardCopyOption.ATOMIC_MOVE);
                return lock;
            }
        } catch (IOException | OverlappingFileLockException e) {
            log.debug("cannot lock {}", file, e);
        }
        Closeables.closeQuietly(channel);
        FileTrees.deleteQuietly(hidden);
        return null;
    }

    /**
     * Whether a process other than this JVM holds {@code file}'s lock; true when it cannot tell.
     * Never for a file this JVM holds: closing any channel of a file frees all of a process's locks
     * on it.
     *
     * @param file a lock file of another host's
     * @return whether its host still runs, as far as can be told
     */
    public static boolean heldElsewhere(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM's own after all
        } catch (IOException e) {
            log.debug("cannot check {}", file, e);
            return true;
        }
    }

    /**
     * Lets go of {@code lock} and removes its file.
     *
     * @param lock a lock {@link #create} returned
     * @param file its file
     */
    public static void release(FileLock lock, Path file) {
        FileTrees.deleteQuietly(file);
        Closeables.closeQuietly(lock.channel()); // frees the lock
    }
}
