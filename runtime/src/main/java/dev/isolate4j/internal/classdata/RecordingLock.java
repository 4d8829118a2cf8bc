package dev.isolate4j.internal.classdata;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to record and dump one archive: an operating-system lock on a file, held by the host
 * whose child records it until the archive is dumped, and taken over by the dumper if that host ends
 * first. The system releases it when its process ends, however it ends, so that a process killed
 * half way stands in nobody's way; the file means nothing without its lock.
 *
 * <p>Within this JVM, {@link #HELD} answers first: Linux drops every lock a process holds on a file
 * when it closes any descriptor of that file, so a second channel opened here to try a lock this
 * JVM holds would, once closed, release it.
 */
final class RecordingLock implements AutoCloseable {
    /** The files (by their file key) whose lock this JVM holds. */
    private static final Set<Object> HELD = ConcurrentHashMap.newKeySet();

    private final Object fileKey;
    private final FileChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RecordingLock(Object fileKey, FileChannel channel) {
        this.fileKey = fileKey;
        this.channel = channel;
    }

    /**
     * Takes the lock on {@code file}, created if missing, unless another process, or this one, holds
     * it.
     *
     * @throws IOException when the file cannot be created or opened
     */
    static Optional<RecordingLock> tryAcquire(Path file) throws IOException {
        try {
            Files.createFile(file); // O_EXCL: an existing file is not opened, so no lock is dropped
        } catch (FileAlreadyExistsException e) {
            // another start created it; whether it still holds it is the lock's to say
        }
        Object fileKey = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
        if (fileKey == null || !HELD.add(fileKey)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new RecordingLock(fileKey, channel));
            }
        } catch (OverlappingFileLockException e) {
            // only if the file was replaced since its key was read: someone else's, then
        } catch (IOException | RuntimeException e) {
            release(fileKey, channel);
            throw e;
        }
        release(fileKey, channel);
        return Optional.empty();
    }

    /**
     * Waits for the lock on {@code file}, an existing file, for as long as another process holds it.
     * For the dumper alone, the only user of the lock in its JVM.
     *
     * @throws IOException when the file cannot be opened or locked
     */
    static RecordingLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            channel.lock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        Object fileKey = new Object(); // not in HELD: no other lock of this JVM ever meets it
        return new RecordingLock(fileKey, channel);
    }

    /** Releases the lock, once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release(fileKey, channel);
        }
    }

    private static void release(Object fileKey, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close(); // releases the lock
            }
        } catch (IOException e) {
            // the lock goes with the descriptor, closed or not
        } finally {
            HELD.remove(fileKey);
        }
    }
}
