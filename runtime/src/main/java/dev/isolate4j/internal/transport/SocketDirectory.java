package dev.isolate4j.internal.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A private directory (mode 0700) that holds one extension's socket, so that no other user can
 * connect to it. Created under the system temporary directory: socket paths are limited to about
 * 100 bytes, which a deep {@code envRootPath} would exceed.
 */
public final class SocketDirectory implements AutoCloseable {
    private final Path directory;

    private SocketDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates a new private directory under the system temporary directory.
     *
     * @return the directory
     * @throws IOException when it cannot be created
     */
    public static SocketDirectory create() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path directory = Files.createTempDirectory(
                tmp, "isolate4j-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new SocketDirectory(directory);
    }

    /** {@return the directory} */
    public Path directory() {
        return directory;
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
