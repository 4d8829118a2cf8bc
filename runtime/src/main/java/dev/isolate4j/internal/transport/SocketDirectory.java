package dev.isolate4j.internal.transport;

import dev.isolate4j.internal.sharedmemory.AreaFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private directory (mode 0700) that holds one extension's socket, so that no other user can
 * connect to it, and the areas through which large arrays cross ({@code
 * sharedmemory.SegmentAreas}). Created in {@code /dev/shm} where it is a writable directory in
 * memory, for those areas (a file on a disk would be written back to it); otherwise under the system
 * temporary directory, and large arrays cross the socket. Not under {@code envRootPath}: socket
 * paths are limited to about 100 bytes, which a deep one would exceed.
 */
public final class SocketDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketDirectory.class);
    /**
     * Followed by the host's pid and a dash: whose directory it is. Not {@code isolate4j-<pid>-}, the
     * names of shared buffers' files in {@code /dev/shm}, whose cleanup removes files, not directories.
     */
    private static final String PREFIX = "isolate4j-socket-";

    /** Also matches the directories of versions that named them {@code isolate4j-<pid>-...}. */
    private static final Pattern NAME = Pattern.compile("isolate4j-(?:socket-)?(\\d+)-.*");

    private static final Path IN_MEMORY = Path.of("/dev/shm");

    private final Path directory;
    /** Null when the directory is not in memory (or the files could not be made). */
    private final AreaFiles areaFiles;

    private SocketDirectory(Path directory, AreaFiles areaFiles) {
        this.directory = directory;
        this.areaFiles = areaFiles;
    }

    /**
     * Creates a new private directory under the system temporary directory.
     *
     * @return the directory
     * @throws IOException when it cannot be created
     */
    public static SocketDirectory create() throws IOException {
        if (usable(IN_MEMORY)) {
            try {
                return createIn(IN_MEMORY);
            } catch (IOException e) {
                log.debug(
                        "cannot create a socket directory in {}; creating it in {}",
                        IN_MEMORY,
                        temporaryDirectory(),
                        e);
            }
        }
        return createIn(temporaryDirectory());
    }

    private static SocketDirectory createIn(Path root) throws IOException {
        Path directory = Files.createTempDirectory(
                root,
                PREFIX + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new SocketDirectory(directory, AreaFiles.createIn(directory));
    }

    private static boolean usable(Path root) {
        return Files.isDirectory(root) && Files.isWritable(root);
    }

    /**
     * Removes the socket directories of hosts that no longer run. A host killed with SIGKILL
     * cannot remove its own, and its sandboxed children cannot either: inside the sandbox the
     * directory is a mount point. Nothing else would ever remove them.
     *
     * @return how many were removed
     */
    public static int removeStale() {
        int removed = removeStaleIn(temporaryDirectory());
        if (usable(IN_MEMORY)) {
            removed += removeStaleIn(IN_MEMORY);
        }
        return removed;
    }

    private static int removeStaleIn(Path root) {
        int removed = 0;
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, "isolate4j-*")) {
            for (Path directory : directories) {
                Matcher name = NAME.matcher(directory.getFileName().toString());
                if (name.matches()
                        && Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                        && !running(Long.parseLong(name.group(1)))) {
                    new SocketDirectory(directory, null).close();
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot remove stale socket directories", e);
        }
        return removed;
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** {@return the directory} */
    public Path directory() {
        return directory;
    }

    /** {@return the files of the connection's segment areas; {@code null} when the directory is not in memory} */
    public AreaFiles areaFiles() {
        return areaFiles;
    }

    /** {@return the path of the extension's socket in the directory} */
    public Path socketPath() {
        return directory.resolve("rpc.sock");
    }

    /**
     * Removes the directory with the files in it: the socket, and what the child wrote there (the
     * classes it loaded, while it records them for a class-data archive). Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (areaFiles != null) {
            areaFiles.close();
        }
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }
}
