package dev.isolate4j.internal.sharedmemory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file behind one direction's segment area, opened once. The host creates both files of a
 * connection and keeps them open, so that it never opens a path its child could have replaced (by a
 * link to a file of the host's, which the host would then map and write). The child opens them by
 * path, without following links, once the host has created them: until then it reports {@code null}
 * and is asked again at the next large frame.
 */
final class AreaFile {
    private final Path path;
    /** Opened by the area's one user at a time; volatile for {@link #close()}, from any thread. */
    private volatile FileChannel channel;

    private AreaFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A file the host created and holds open. */
    static AreaFile opened(Path path, FileChannel channel) {
        return new AreaFile(path, channel);
    }

    /** A file the host creates, opened at first use. */
    static AreaFile atPath(Path path) {
        return new AreaFile(path, null);
    }

    Path path() {
        return path;
    }

    /** {@return the open file, or {@code null} when it does not exist (yet)} */
    FileChannel channel() {
        if (channel == null) {
            try {
                channel = FileChannel.open(
                        path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }
        return channel;
    }

    /** Closes the file if it was opened. */
    void close() {
        FileChannel open = channel;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing is lost: the mapping, if any, outlives the descriptor
            }
        }
    }
}
