package dev.isolate4j.internal.process;

import dev.isolate4j.internal.FileTrees;
import dev.isolate4j.internal.LockFiles;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories through which sandboxed prestarted children read their extension's files: one
 * per child, named for the host's pid, under {@code <envRootPath>/.prestarted}, on the file system
 * of the environments, where hard links to the local repository's jars can be made.
 *
 * <p>Each directory has a lock file beside it, {@code <name>.lock}, whose lock the host holds until
 * it removes the directory: {@link #removeStale} of another host leaves it alone while it is held,
 * even where that host cannot see the pid in its name (another pid namespace, a container that
 * shares the environments), and takes it once the host is gone, however it ended. A directory
 * without one is judged by its pid, as before.
 */
final class PrestartedFiles {
    private static final Logger log = LoggerFactory.getLogger(PrestartedFiles.class);
    private static final Pattern NAME = Pattern.compile("(\\d+)-[0-9a-f]+");
    private static final String LOCK = ".lock";
    /** This JVM's directories and its lock on each, until it removes them. */
    private static final Map<Path, FileLock> HELD = new ConcurrentHashMap<>();

    private PrestartedFiles() {}

    /**
     * Creates a new, empty directory under {@code root}, its lock held and the directory registered
     * as this JVM's before the directory exists: {@link #removeStale}, of another manager of this JVM
     * or of another host, never sees it without its lock. (Created first, it had a moment without a
     * lock file, in which a host that cannot see this pid, in another pid namespace, would judge it
     * abandoned. The moment between a lock file's creation and its lock, in which a cleanup of this
     * very JVM removed one, is {@link LockFiles#create}'s to close.)
     */
    static Path create(Path root) throws IOException {
        Files.createDirectories(root);
        Path directory = root.toAbsolutePath()
                .normalize()
                .resolve(ProcessHandle.current().pid() + "-"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        hold(directory);
        try {
            Files.createDirectory(directory);
        } catch (IOException | RuntimeException e) {
            remove(directory);
            throw e;
        }
        return directory;
    }

    /** Locks {@code directory}'s lock file for as long as this host has it; without, it runs as before. */
    private static void hold(Path directory) {
        FileLock lock = LockFiles.create(lockFile(directory));
        if (lock != null) {
            HELD.put(directory, lock);
        } else {
            log.debug("cannot lock {}; another host judges it by its pid", directory);
        }
    }

    private static Path lockFile(Path directory) {
        return directory.resolveSibling(directory.getFileName() + LOCK);
    }

    /**
     * Hard-links {@code file} into a subdirectory of {@code directory} named {@code index}, under
     * its own file name: two jars of one name stay apart, and code that reads its jar's name (a
     * version in it) reads what it would outside.
     *
     * @throws IOException when {@code file} is not a regular file, or cannot be hard-linked there
     */
    static Path link(Path directory, int index, Path file) throws IOException {
        Path real = file.toRealPath();
        if (!Files.isRegularFile(real)) {
            throw new IOException(file + " is not a regular file; a prestarted child reads jars only");
        }
        Path link = Files.createDirectories(directory.resolve(Integer.toString(index)))
                .resolve(real.getFileName());
        Files.createLink(link, real);
        return link;
    }

    /** Removes {@code directory}, its subdirectories and their links; {@code null} is nothing. Never throws. */
    static void remove(Path directory) {
        if (directory == null) {
            return;
        }
        FileTrees.deleteQuietly(directory);
        FileLock lock = HELD.remove(directory);
        if (lock != null) {
            LockFiles.release(lock, lockFile(directory));
        }
    }

    /** Removes the directories of hosts that no longer run: a host killed by SIGKILL leaves its own. */
    static void removeStale(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root)) {
            for (Path directory : directories) {
                Matcher name = NAME.matcher(directory.getFileName().toString());
                if (name.matches() && !HELD.containsKey(directory)) {
                    Path lockFile = lockFile(directory);
                    if (Files.exists(lockFile)
                            ? !LockFiles.heldElsewhere(lockFile)
                            : ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                        remove(directory);
                        Files.deleteIfExists(lockFile);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot list {}", root, e);
        }
    }
}
