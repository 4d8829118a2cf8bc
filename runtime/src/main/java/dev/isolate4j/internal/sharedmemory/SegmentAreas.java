package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.framing.SegmentBoxes;
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
 * A connection's two segment areas, one per direction, as files in the child's private socket
 * directory: a large array (a {@code byte[]} argument or result of a megabyte or more) crosses
 * through them with two copies instead of the socket's four. A 64 MiB round trip takes about a
 * quarter less time than over the socket, and less than a raw socket that reuses its buffers.
 *
 * <p>The host creates both files when the directory is in memory ({@code tmpfs}: where it is put
 * when {@code /dev/shm} can hold it; a file on a disk would be written back to it), and keeps them
 * open; the child opens them by name. Where the directory is not in memory the host creates none,
 * and every segment crosses in its frame. The sandbox binds the directory already, for the
 * socket: a sandboxed child reaches nothing more.
 *
 * <pre>{@code
 * SegmentAreas areas = SegmentAreas.forHost(socketDirectory, maxFrameBytes);
 * ConnectionSettings settings = hostSettings.withSegments(areas.boxes());
 * connection.closed().whenComplete((cause, error) -> areas.close());
 * }</pre>
 */
public final class SegmentAreas {
    private static final Logger log = LoggerFactory.getLogger(SegmentAreas.class);

    /** The host's area, which the child reads. */
    static final String TO_CHILD = "to-child.segments";
    /** The child's area, which the host reads. */
    static final String TO_HOST = "to-host.segments";

    /**
     * The largest segment placed in an area; larger ones cross in their frames. It bounds the memory
     * an area holds in {@code /dev/shm} while it is in use.
     */
    static final int MAX_SEGMENT_BYTES = 256 << 20;

    private static final SegmentAreas NONE = new SegmentAreas(null, null, true);

    private final OutgoingArea outgoing;
    private final IncomingArea incoming;
    private final AreaFile[] files;
    private final boolean ownsFiles;

    private SegmentAreas(AreaFile out, AreaFile in, boolean ownsFiles) {
        this.files = out == null ? new AreaFile[0] : new AreaFile[] {out, in};
        this.outgoing = out == null ? null : new OutgoingArea(out, MAX_SEGMENT_BYTES);
        this.incoming = in == null ? null : new IncomingArea(in);
        this.ownsFiles = ownsFiles;
    }

    /**
     * The host's side: creates both areas' files in {@code directory} when it is in memory.
     *
     * @param directory the child's private socket directory
     * @return the areas; without any when the directory is on a disk or the files cannot be created
     */
    public static SegmentAreas forHost(Path directory) {
        if (!inMemory(directory)) {
            return NONE;
        }
        AreaFile out = null;
        try {
            out = create(directory.resolve(TO_CHILD));
            AreaFile in = create(directory.resolve(TO_HOST));
            return new SegmentAreas(out, in, true);
        } catch (IOException e) {
            log.debug("cannot create segment areas in {}: large segments cross in their frames", directory, e);
            if (out != null) {
                out.close();
            }
            return NONE;
        }
    }

    /**
     * The child's side: the areas the host created in {@code directory}, opened at first use.
     *
     * @param directory the directory of the child's socket
     * @return the areas
     */
    public static SegmentAreas forChild(Path directory) {
        return new SegmentAreas(
                AreaFile.atPath(directory.resolve(TO_HOST)), AreaFile.atPath(directory.resolve(TO_CHILD)), false);
    }

    /** {@return where the connection's frame writer places large segments and its reader takes them} */
    public SegmentBoxes boxes() {
        return outgoing == null ? SegmentBoxes.NONE : new SegmentBoxes(outgoing, incoming);
    }

    /**
     * Gives the areas' memory back and closes their files: the connection is closed. The host empties
     * both, so that nothing stays in memory whatever mappings remain until they are collected.
     */
    public void close() {
        if (outgoing == null) {
            return;
        }
        outgoing.close();
        incoming.close();
        for (AreaFile file : files) {
            if (ownsFiles) {
                emptyQuietly(file);
            }
            file.close();
        }
    }

    private static boolean inMemory(Path directory) {
        try {
            return "tmpfs".equals(Files.getFileStore(directory).type());
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates an area's file with its header, zeroed: no segment placed, none taken. */
    private static AreaFile create(Path path) throws IOException {
        FileChannel channel = FileChannel.open(
                path,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            channel.write(ByteBuffer.allocate(1), OutgoingArea.HEADER_BYTES - 1);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return AreaFile.opened(path, channel);
    }

    private static void emptyQuietly(AreaFile file) {
        FileChannel channel = file.channel();
        if (channel != null) {
            try {
                channel.truncate(0);
            } catch (IOException e) {
                log.debug("cannot empty segment area {}", file.path(), e);
            }
        }
    }
}
