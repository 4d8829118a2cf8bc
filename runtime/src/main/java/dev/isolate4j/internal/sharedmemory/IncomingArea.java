package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.SegmentInbox;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The peer's {@link OutgoingArea}, from this side: a frame's placed segment is copied out of it
 * into an array of its own, then the ticket written into the area's header lets the peer place the
 * next. Used by the connection's frame reader, one thread at a time.
 *
 * <p>The peer may be hostile: the area may be smaller than the frame says (a clear error), or cut
 * short while it is read, which the JVM reports as an {@link InternalError} (a {@code SIGBUS} in a
 * copy from mapped memory); either fails the connection with a {@link FrameException}, as any
 * malformed frame does, and neither reaches beyond this side's copy of the segment.
 */
final class IncomingArea implements SegmentInbox {
    private final AreaFile file;
    private MappedByteBuffer header;
    /** A read-only view of the segment bytes, mapped as far as the file reached when it was mapped. */
    private MappedByteBuffer data;

    IncomingArea(AreaFile file) {
        this.file = file;
    }

    @Override
    public byte[] take(long ticket, int size) throws FrameException {
        try {
            mapFor(size);
            byte[] segment = new byte[size];
            data.get(0, segment, 0, size);
            release(ticket);
            return segment;
        } catch (FrameException e) {
            throw e;
        } catch (IOException e) {
            throw new FrameException("cannot map the shared segment area " + file.path() + ": " + e.getMessage());
        } catch (InternalError e) {
            throw new FrameException("the shared segment area " + file.path() + " was cut short while a segment of "
                    + size + " bytes was read from it");
        }
    }

    @Override
    public void release(long ticket) {
        if (header != null || mapHeaderQuietly()) {
            OutgoingArea.LONGS.setRelease(header, 0, ticket);
        }
    }

    /** Maps the header, and the data as far as {@code size} bytes, unless they are mapped already. */
    private void mapFor(int size) throws IOException {
        FileChannel channel = file.channel();
        if (channel == null) {
            throw new FrameException("a segment of " + size + " bytes was placed in the shared segment area "
                    + file.path() + ", which does not exist");
        }
        long available = channel.size() - OutgoingArea.HEADER_BYTES;
        if (available < size) {
            throw new FrameException("a segment of " + size + " bytes was placed in the shared segment area "
                    + file.path() + ", which holds " + Math.max(available, 0) + " bytes");
        }
        if (header == null) {
            header = channel.map(FileChannel.MapMode.READ_WRITE, 0, OutgoingArea.HEADER_BYTES);
        }
        if (data == null || data.capacity() < size) {
            // As far as the file reaches (the peer grows it to its largest segment): mapped once.
            long bytes = Math.min(available, Integer.MAX_VALUE - OutgoingArea.HEADER_BYTES);
            data = channel.map(FileChannel.MapMode.READ_ONLY, OutgoingArea.HEADER_BYTES, bytes);
        }
    }

    private boolean mapHeaderQuietly() {
        try {
            FileChannel channel = file.channel();
            if (channel != null && channel.size() >= OutgoingArea.HEADER_BYTES) {
                header = channel.map(FileChannel.MapMode.READ_WRITE, 0, OutgoingArea.HEADER_BYTES);
            }
        } catch (IOException e) {
            // the peer placed nothing it can read: it keeps sending in frames
        }
        return header != null;
    }

    void close() {
        header = null;
        data = null;
    }
}
