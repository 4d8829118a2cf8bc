package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.framing.SegmentOutbox;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places this side's large segments in its {@link OwnArea}, one at a time: a segment offered while
 * the peer has not taken the last one (its area's header says which it took) is left to its frame,
 * so that no writer ever waits for the peer.
 *
 * <p>The area's memory is given back once nothing was placed for {@link #RELEASE_AFTER_NANOS} and
 * the peer took the last segment: like a child's heap, which its periodic collection shrinks after
 * 5 s.
 *
 * <p>Locks: {@link #lock} guards the fields below it and the area's segments. {@link #place} takes
 * it under the frame writer's lock, and only tries: when the release holds it, the segment crosses in
 * its frame.
 */
final class OutgoingArea implements SegmentOutbox {
    static final long RELEASE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** How long an area that failed ({@code /dev/shm} full, a file gone) stays unused. */
    static final long RETRY_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final OwnArea own;
    private final PeerArea peer;
    private final int maxSegmentBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** The last ticket placed; the peer took it when its area's header says so. */
    private long published;

    private long lastPlaced;
    private long unusableUntil = System.nanoTime();
    private boolean releaseScheduled;
    private boolean closed;

    OutgoingArea(OwnArea own, PeerArea peer, int maxSegmentBytes) {
        this.own = own;
        this.peer = peer;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    @Override
    public long place(byte[] segment) {
        if (segment.length > maxSegmentBytes || !lock.tryLock()) {
            return NOT_PLACED;
        }
        try {
            if (closed || System.nanoTime() - unusableUntil < 0 || !own.open()) {
                return NOT_PLACED;
            }
            if (peer.takenOfMine() != published) {
                return NOT_PLACED; // the peer has not taken the last one yet
            }
            own.write(segment);
            lastPlaced = System.nanoTime();
            scheduleRelease();
            return ++published;
        } catch (IOException e) {
            log().debug("segment area {} unusable for 30 s: large arrays cross the socket", own.path(), e);
            unusableUntil = System.nanoTime() + RETRY_AFTER_NANOS;
            emptyQuietly();
            return NOT_PLACED;
        } finally {
            lock.unlock();
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
            if (closed) {
                return;
            }
            long idle = System.nanoTime() - lastPlaced;
            if (idle >= RELEASE_AFTER_NANOS && peer.takenOfMine() == published) {
                emptyQuietly();
            } else {
                releaseScheduled = true;
                Releases.EXECUTOR.schedule(
                        this::releaseIfIdle,
                        Math.max(RELEASE_AFTER_NANOS - idle, TimeUnit.SECONDS.toNanos(1)),
                        TimeUnit.NANOSECONDS);
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
            emptyQuietly();
        } finally {
            lock.unlock();
        }
    }

    /** Under {@link #lock}. */
    private void emptyQuietly() {
        try {
            own.empty();
        } catch (IOException e) {
            log().debug("cannot empty segment area {}", own.path(), e);
        }
    }

    /** Looked up at the first message: a child's SLF4J starts only once something logs (see {@code DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(OutgoingArea.class);
    }

    /** The thread that empties idle areas: one for the JVM, while some area waits. */
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
