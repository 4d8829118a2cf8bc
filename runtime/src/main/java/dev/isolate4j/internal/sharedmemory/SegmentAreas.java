package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.framing.SegmentBoxes;
import java.nio.file.Path;

/**
 * A connection's two segment areas, one per direction, in the child's private socket directory in
 * {@code /dev/shm} ({@link AreaFiles}): a large array (a {@code byte[]} argument or result of a
 * megabyte or more) crosses through them with fewer copies than through the socket, where it is
 * copied four times (into the writer's buffer, into the kernel, out of it, into the reader's array).
 * From host to child it is copied twice (into the host's area, out of it); from child to host three
 * times, for the host reads a child's area with {@code pread} ({@link PeerArea} says why).
 *
 * <pre>{@code
 * SegmentAreas areas = SegmentAreas.forHost(socketDirectory.areaFiles());
 * ConnectionSettings settings = hostSettings.withSegments(areas.boxes());
 * connection.closed().whenComplete((cause, error) -> areas.close());
 * }</pre>
 */
public final class SegmentAreas {
    /**
     * The largest segment placed in an area; larger ones cross the socket. It bounds the memory an
     * area holds in {@code /dev/shm} while it is in use.
     */
    static final int MAX_SEGMENT_BYTES = 256 << 20;

    private static final SegmentAreas NONE = new SegmentAreas(null, null);

    private final OutgoingArea outgoing;
    private final IncomingArea incoming;

    private SegmentAreas(OwnArea own, PeerArea peer) {
        this.outgoing = own == null ? null : new OutgoingArea(own, peer, MAX_SEGMENT_BYTES);
        this.incoming = own == null ? null : new IncomingArea(peer, own);
    }

    /**
     * The host's side.
     *
     * @param files the files the host created with the child's socket directory, or {@code null}
     *     when it created none (the directory is not in memory)
     * @return the areas; with {@code null}, none: every array crosses the socket
     */
    public static SegmentAreas forHost(AreaFiles files) {
        if (files == null) {
            return NONE;
        }
        Path directory = files.directory();
        return new SegmentAreas(
                OwnArea.opened(directory.resolve(AreaFiles.TO_CHILD), files.toChild(), MAX_SEGMENT_BYTES),
                PeerArea.read(directory.resolve(AreaFiles.TO_HOST), files.toHost()));
    }

    /**
     * The child's side: the areas the host created in {@code directory}, opened at first use.
     *
     * @param directory the directory of the child's socket
     * @return the areas
     */
    public static SegmentAreas forChild(Path directory) {
        return new SegmentAreas(
                OwnArea.atPath(directory.resolve(AreaFiles.TO_HOST), MAX_SEGMENT_BYTES),
                PeerArea.mapped(directory.resolve(AreaFiles.TO_CHILD)));
    }

    /** {@return where the connection's frame writer places large segments and its reader takes them} */
    public SegmentBoxes boxes() {
        return outgoing == null ? SegmentBoxes.NONE : new SegmentBoxes(outgoing, incoming);
    }

    /** Gives this side's area's memory back: the connection is closed. */
    public void close() {
        if (outgoing != null) {
            outgoing.close();
        }
    }
}
