package dev.isolate4j.internal.sharedmemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two files of a connection's segment areas ({@link SegmentAreas}), which the host creates in
 * the child's private socket directory before the child starts, and holds open: it never opens a
 * path there again, which the child could have replaced by a link to one of the host's files. The
 * sandbox binds the host's file read-only ({@link #hostsFile()}), so that a sandboxed child cannot
 * cut short memory the host writes into.
 *
 * <p>Each file begins with a header of {@link #HEADER_BYTES}, zeroed; its owner's segments follow.
 */
public final class AreaFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AreaFiles.class);

    /** The host's area, which the child reads. */
    public static final String TO_CHILD = "to-child.segments";

    /** The child's area, which the host reads. */
    public static final String TO_HOST = "to-host.segments";

    /** The header, a page, so that segments start on a page of their own. */
    static final int HEADER_BYTES = 4096;

    private final Path directory;
    private final FileChannel toChild;
    private final FileChannel toHost;

    private AreaFiles(Path directory, FileChannel toChild, FileChannel toHost) {
        this.directory = directory;
        this.toChild = toChild;
        this.toHost = toHost;
    }

    /**
     * Creates both files in {@code directory}, when it is in memory: a file on a disk would be
     * written back to it.
     *
     * @param directory a new private directory of the host's
     * @return the files, or {@code null} when the directory is not in memory or they cannot be made
     */
    public static AreaFiles createIn(Path directory) {
        if (!inMemory(directory)) {
            return null;
        }
        FileChannel toChild = null;
        try {
            toChild = create(directory.resolve(TO_CHILD));
            return new AreaFiles(directory, toChild, create(directory.resolve(TO_HOST)));
        } catch (IOException e) {
            log.debug("cannot create segment areas in {}: large arrays cross the socket", directory, e);
            closeQuietly(toChild);
            return null;
        }
    }

    /** {@return the host's file, which a sandbox binds read-only} */
    public Path hostsFile() {
        return directory.resolve(TO_CHILD);
    }

    FileChannel toChild() {
        return toChild;
    }

    FileChannel toHost() {
        return toHost;
    }

    Path directory() {
        return directory;
    }

    /** Empties both files, giving their memory back whatever mappings remain, and closes them. */
    @Override
    public void close() {
        for (FileChannel channel : new FileChannel[] {toChild, toHost}) {
            try {
                channel.truncate(0);
            } catch (IOException e) {
                log.debug("cannot empty a segment area in {}", directory, e);
            }
            closeQuietly(channel);
        }
    }

    private static boolean inMemory(Path directory) {
        try {
            return "tmpfs".equals(Files.getFileStore(directory).type());
        } catch (IOException e) {
            return false;
        }
    }

    private static FileChannel create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(
                path,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            channel.write(ByteBuffer.allocate(1), HEADER_BYTES - 1);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing is lost
            }
        }
    }
}
