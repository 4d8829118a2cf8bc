package dev.isolate4j.internal.sharedmemory;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The area this side writes, mapped read-write: the segments it places for the peer, and, at offset
 * 0 of its header, the ticket of the last segment it took from the peer's area, which tells the peer
 * that it may place its next. Nothing else writes it: the host's is bound read-only into a sandbox,
 * and a child's is its own.
 *
 * <p>The area grows to the largest segment placed; its pages are written (zeros) as it grows, so that
 * a full {@code /dev/shm} fails that write with an {@code IOException} instead of faulting the copy
 * into the mapping later (which the JVM reports as an {@code InternalError} at an unforeseeable point
 * of the thread).
 */
final class OwnArea {

    /** Areas grow in steps of this, so that slightly larger segments do not map them anew. */
    private static final int GROWTH_STEP = 1 << 20;

    private final Path path;
    private final int maxSegmentBytes;
    private FileChannel channel;
    private MappedByteBuffer header;
    /** Used by the outbox alone, under its lock: the segment bytes, {@code capacity} of them, or null. */
    private MappedByteBuffer data;

    private long capacity;

    private OwnArea(Path path, FileChannel channel, int maxSegmentBytes) {
        this.path = path;
        this.channel = channel;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /** The host's area, created and held open by it. */
    static OwnArea opened(Path path, FileChannel channel, int maxSegmentBytes) {
        return new OwnArea(path, channel, maxSegmentBytes);
    }

    /** A child's area, which the host created: opened at first use. */
    static OwnArea atPath(Path path, int maxSegmentBytes) {
        return new OwnArea(path, null, maxSegmentBytes);
    }

    Path path() {
        return path;
    }

    /** {@return whether the file is open and its header mapped; false while the host has not created it} */
    synchronized boolean open() {
        if (header != null) {
            return true;
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(
                        path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            if (channel.size() < AreaFiles.HEADER_BYTES) {
                return false;
            }
            header = channel.map(FileChannel.MapMode.READ_WRITE, 0, AreaFiles.HEADER_BYTES);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Tells the peer that this side took its segment {@code ticket}. */
    void noteTaken(long ticket) {
        if (open()) {
            Words.LONGS.setRelease(header, 0, ticket);
        }
    }

    /** Under the outbox's lock, once {@link #open()}: copies {@code segment} into the area, growing it first. */
    void write(byte[] segment) throws IOException {
        long needed = AreaFiles.HEADER_BYTES + (long) segment.length;
        if (data == null || segment.length > capacity || channel.size() < needed) {
            grow(segment.length);
        }
        data.put(0, segment, 0, segment.length);
    }

    private void grow(int bytes) throws IOException {
        long size = Math.min((long) maxSegmentBytes, ((long) bytes + GROWTH_STEP - 1) / GROWTH_STEP * GROWTH_STEP);
        long end = AreaFiles.HEADER_BYTES + size;
        long start = Math.max(channel.size(), AreaFiles.HEADER_BYTES);
        if (start < end) {
            ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(end - start, GROWTH_STEP));
            for (long at = start; at < end; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
                at += channel.write(zeros, at);
            }
        }
        data = channel.map(FileChannel.MapMode.READ_WRITE, AreaFiles.HEADER_BYTES, size);
        capacity = size;
    }

    /**
     * The header's word, written and read with release and acquire ordering. In a class of its own,
     * made at the first large array: not on every child's way to its first call.
     */
    static final class Words {
        static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

        private Words() {}
    }

    /**
     * Under the outbox's lock: gives the segments' memory back, keeping the header. An area this side
     * never opened holds none of its segments, and is left unopened: opening it would map its header
     * only to close it, and a JVM's first mapping loads the JDK's mapping classes (on JDK 25, 30 ms of
     * a child's stop, and 100 to 280 ms when a host closed ten children at once on two processors).
     */
    void empty() throws IOException {
        data = null;
        capacity = 0;
        if (isOpen()) {
            channel.truncate(AreaFiles.HEADER_BYTES);
        }
    }

    /** {@return whether {@link #open()} mapped the header; opens nothing} */
    private synchronized boolean isOpen() {
        return header != null;
    }
}
