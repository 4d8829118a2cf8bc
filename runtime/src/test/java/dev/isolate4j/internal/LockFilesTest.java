package dev.isolate4j.internal;

import static com.google.common.truth.Truth.assertThat;

import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFilesTest {
    @TempDir
    Path temp;

    /**
     * A host's cleanup deletes the lock files nobody holds. It must never see one that its creator
     * is about to lock: created first and locked a moment later, a new lock file was taken in that
     * moment by a cleanup's check, judged abandoned and deleted, and its creator then held a lock on
     * a file nobody else could see (the set or directory it guarded was left to any cleanup).
     */
    @Test
    void aCleanupNeverSeesALockFileBeforeItIsLocked() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("in-use"));
        AtomicBoolean done = new AtomicBoolean();
        List<Path> deleted = Collections.synchronizedList(new ArrayList<>());
        Thread cleaner = new Thread(() -> {
            while (!done.get()) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "set-*")) {
                    for (Path file : files) {
                        if (!LockFiles.heldElsewhere(file) && Files.deleteIfExists(file)) {
                            deleted.add(file);
                        }
                    }
                } catch (Exception e) {
                    // the directory changes under the listing; list again
                }
            }
        });
        cleaner.start();
        List<FileLock> locks = new ArrayList<>();
        try {
            for (int i = 0; i < 3_000; i++) {
                Path file = directory.resolve("set-" + i);
                FileLock lock = LockFiles.create(file);
                assertThat(lock).isNotNull();
                assertThat(Files.exists(file)).isTrue();
                locks.add(lock);
                if (locks.size() > 8) {
                    FileLock oldest = locks.remove(0);
                    LockFiles.release(oldest, directory.resolve("set-" + (i - 8)));
                }
            }
        } finally {
            done.set(true);
            cleaner.join();
        }
        assertThat(deleted).isEmpty();
    }

    @Test
    void aLockFileIsCreatedLockedAndGoesWithItsRelease() throws Exception {
        Path file = temp.resolve("set-a");
        FileLock lock = LockFiles.create(file);
        assertThat(lock).isNotNull();
        assertThat(lock.isValid()).isTrue();
        assertThat(Files.exists(file)).isTrue();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp)) {
            assertThat(files).containsExactly(file); // nothing else left beside it
        }

        LockFiles.release(lock, file);
        assertThat(Files.exists(file)).isFalse();
        assertThat(lock.isValid()).isFalse();
    }
}
