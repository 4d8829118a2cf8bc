package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.framing.SegmentOutbox;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The area where this side places its large segments for the peer: a file in {@code /dev/shm}
 * that both map. Its first {@link #HEADER_BYTES} hold, at offset 0, the ticket of the last segment
 * the peer took (the peer writes it); the segment's bytes follow. One segment at a time: a segment
 * offered while the peer has not taken the last one crosses in its frame, so that no writer ever
 * waits for the peer.
 *
 * <p>The area grows to the largest segment placed (its pages are allocated as the first segment
 * touches them) and is emptied, its memory given back, once nothing was placed for {@link
 * #RELEASE_AFTER_NANOS}: like a child's heap, which its periodic collection shrinks after 5 s.
 *
 * <p>Locks: {@link #lock} guards every field below it. {@link #place} takes it under the frame
 * writer's lock, and only tries: when the release holds it, the segment crosses in its frame.
 */
final class OutgoingArea implements SegmentOutbox {
    private static final Logger log = LoggerFactory.getLogger(OutgoingArea.class);

    /** The header, a page, so that the segment's bytes start on a page of their own. */
    static final int HEADER_BYTES = 4096;

    static final long RELEASE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** How long an area that failed (full {@code /dev/shm}, a file gone) stays unused. */
    static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** Segments grow the area in steps of this, so that slightly larger ones do not remap it. */
    private static final int GROWTH_STEP = 1 << 20;

    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final AreaFile file;
    private final int maxSegmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private MappedByteBuffer header;
    /** The segment bytes, {@code capacity} of them; null while the area is empty. */
    private MappedByteBuffer data;

    private long capacity;
    /** The last ticket placed; the peer took it when the header says so. */
    private long published;

    private long lastPlaced;
    private long unusableUntil;
    private boolean releaseScheduled;
    private boolean closed;

    OutgoingArea(AreaFile file, int maxSegmentBytes) {
        this.file = file;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    @Override
    public long place(byte[] segment) {
        if (segment.length > maxSegmentBytes || !lock.tryLock()) {
            return NOT_PLACED;
        }
        try {
            if (closed || System.nanoTime() - unusableUntil < 0 || !ready()) {
                return NOT_PLACED;
            }
            if ((long) LONGS.getAcquire(header, 0) != published) {
                return NOT_PLACED; // the peer has not taken the last one yet
            }
            grow(segment.length);
            data.put(0, segment, 0, segment.length);
            lastPlaced = System.nanoTime();
            scheduleRelease();
            return ++published;
        } catch (IOException | InternalError e) {
            // InternalError: a page could not be had (/dev/shm full) or the file was cut short.
            unusable(e);
            return NOT_PLACED;
        } finally {
            lock.unlock();
        }
    }

    /** Under {@link #lock}: opens the file and maps its header, once. */
    private boolean ready() throws IOException {
        if (header != null) {
            return true;
        }
        FileChannel channel = file.channel();
        if (channel == null || channel.size() < HEADER_BYTES) {
            return false; // not created yet: asked again at the next segment
        }
        header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
        published = (long) LONGS.getAcquire(header, 0);
        return true;
    }

    /** Under {@link #lock}: makes the area hold {@code bytes}, mapping it anew when it grows. */
    private void grow(int bytes) throws IOException {
        if (data != null && bytes <= capacity) {
            return;
        }
        long size = Math.min((long) maxSegmentBytes, ((long) bytes + GROWTH_STEP - 1) / GROWTH_STEP * GROWTH_STEP);
        FileChannel channel = file.channel();
        // Sparse: pages are allocated as the segment is copied in, not written twice.
        if (channel.size() < HEADER_BYTES + size) {
            channel.write(ByteBuffer.allocate(1), HEADER_BYTES + size - 1);
        }
        data = channel.map(FileChannel.MapMode.READ_WRITE, HEADER_BYTES, size);
        capacity = size;
    }

    private void unusable(Throwable cause) {
        log.debug("segment area {} unusable for now: large segments cross in their frames", file.path(), cause);
        unusableUntil = System.nanoTime() + RETRY_AFTER_NANOS;
        empty();
    }

    /** Under {@link #lock}: gives the area's memory back, keeping its header. */
    private void empty() {
        data = null;
        capacity = 0;
        FileChannel channel = file.channel();
        if (channel != null) {
            try {
                channel.truncate(HEADER_BYTES);
            } catch (IOException e) {
                log.debug("cannot empty segment area {}", file.path(), e);
            }
        }
    }

    /** Under {@link #lock}. */
    private void scheduleRelease() {
        if (!releaseScheduled) {
            releaseScheduled = true;
            Releases.EXECUTOR.schedule(this::releaseIfIdle, RELEASE_AFTER_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** Empties the area once nothing was placed for {@link #RELEASE_AFTER_NANOS} and the peer took the last. */
    private void releaseIfIdle() {
        lock.lock();
        try {
            releaseScheduled = false;
            if (closed || data == null) {
                return;
            }
            long idle = System.nanoTime() - lastPlaced;
            if (idle >= RELEASE_AFTER_NANOS && (long) LONGS.getAcquire(header, 0) == published) {
                empty();
            } else {
                releaseScheduled = true;
                Releases.EXECUTOR.schedule(
                        this::releaseIfIdle, Math.max(RELEASE_AFTER_NANOS - idle, 1), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Empties the area for good: the connection is closed. */
    void close() {
        lock.lock();
        try {
            closed = true;
            header = null;
            empty();
        } finally {
            lock.unlock();
        }
    }

    /** The thread that empties idle areas: one for the JVM, started with the first area used. */
    private static final class Releases {
        static final ScheduledExecutorService EXECUTOR = executor();

        private static ScheduledExecutorService executor() {
            var executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.factory("isolate4j-segment-release"));
            // Gone while no area waits: an idle child keeps no thread for it.
            executor.setKeepAliveTime(RELEASE_AFTER_NANOS * 2, TimeUnit.NANOSECONDS);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }
}
