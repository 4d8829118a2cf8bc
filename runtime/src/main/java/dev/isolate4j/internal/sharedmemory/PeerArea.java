package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.SpareBuffer;
import dev.isolate4j.internal.framing.FrameException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The area the peer writes (its {@link OwnArea}), from this side, which only reads it.
 *
 * <p>A child maps the host's area and copies a segment out of the mapping: one copy. The host reads
 * a child's area with {@code pread}, through a buffer: two copies, because a child may be hostile,
 * and a child that cut its file short while the host copied from a mapping of it would fault the
 * host's thread (the JVM throws an {@code InternalError} at an unforeseeable later point of that
 * thread); a read of a shortened file only ends early, which fails the frame with a clear message.
 */
final class PeerArea {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path path;
    private final boolean mapped;
    private FileChannel channel;
    /** Mapped: the header and the segment bytes, as far as the file reached when mapped. */
    private MappedByteBuffer header;

    private MappedByteBuffer data;
    /** Read: the header's first word, and a buffer for segments, held weakly between frames. */
    private ByteBuffer word;

    private final SpareBuffer chunk = new SpareBuffer(CHUNK_BYTES);

    private PeerArea(Path path, FileChannel channel, boolean mapped) {
        this.path = path;
        this.channel = channel;
        this.mapped = mapped;
    }

    /** A child's area, from its host: created and held open by the host, read with {@code pread}. */
    static PeerArea read(Path path, FileChannel channel) {
        return new PeerArea(path, channel, false);
    }

    /** The host's area, from its child: opened at first use, and mapped. */
    static PeerArea mapped(Path path) {
        return new PeerArea(path, null, true);
    }

    /**
     * The ticket of the last of this side's segments the peer took; -1 when the file cannot be read.
     * Called by the outbox under its lock.
     */
    synchronized long takenOfMine() {
        try {
            if (!open()) {
                return -1;
            }
            if (mapped) {
                return (long) OwnArea.Words.LONGS.getAcquire(header, 0);
            }
            if (word == null) {
                word = ByteBuffer.allocateDirect(Long.BYTES).order(ByteOrder.nativeOrder());
            }
            word.clear();
            while (word.hasRemaining()) {
                if (channel.read(word, word.position()) < 0) {
                    return -1;
                }
            }
            return word.getLong(0);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Copies the segment of {@code into.length} bytes the peer placed. Called by the reading thread.
     *
     * @throws FrameException when the area does not hold that much, or cannot be read
     */
    void copyInto(byte[] into) throws FrameException {
        try {
            synchronized (this) {
                if (!open()) {
                    throw new FrameException("a segment of " + into.length + " bytes was placed in the shared segment"
                            + " area " + path + ", which cannot be opened");
                }
            }
            long available = channel.size() - AreaFiles.HEADER_BYTES;
            if (available < into.length) {
                throw tooSmall(into.length, available);
            }
            if (mapped) {
                copyMapped(into, available);
            } else {
                copyRead(into);
            }
        } catch (FrameException e) {
            throw e;
        } catch (IOException | InternalError e) {
            throw new FrameException("cannot read a segment of " + into.length + " bytes from the shared segment area "
                    + path + ": " + e);
        }
    }

    private void copyMapped(byte[] into, long available) throws IOException {
        if (data == null || data.capacity() < into.length) {
            long bytes = Math.min(available, Integer.MAX_VALUE - AreaFiles.HEADER_BYTES);
            data = channel.map(FileChannel.MapMode.READ_ONLY, AreaFiles.HEADER_BYTES, bytes);
        }
        data.get(0, into, 0, into.length);
    }

    private void copyRead(byte[] into) throws IOException {
        ByteBuffer buffer = chunk.take();
        int done = 0;
        while (done < into.length) {
            buffer.clear().limit(Math.min(buffer.capacity(), into.length - done));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, AreaFiles.HEADER_BYTES + (long) done + buffer.position()) < 0) {
                    throw tooSmall(into.length, done + buffer.position());
                }
            }
            buffer.flip().get(into, done, buffer.remaining());
            done += buffer.limit();
        }
    }

    private FrameException tooSmall(int size, long available) {
        return new FrameException("a segment of " + size + " bytes was placed in the shared segment area " + path
                + ", which holds " + Math.max(available, 0) + " bytes");
    }

    /** Under this object's monitor. */
    private boolean open() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        if (mapped && header == null) {
            if (channel.size() < AreaFiles.HEADER_BYTES) {
                return false;
            }
            header = channel.map(FileChannel.MapMode.READ_ONLY, 0, AreaFiles.HEADER_BYTES);
        }
        return true;
    }
}
