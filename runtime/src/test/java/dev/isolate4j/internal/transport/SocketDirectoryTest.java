package dev.isolate4j.internal.transport;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.internal.sharedmemory.AreaFiles;
import dev.isolate4j.internal.sharedmemory.SharedMemoryFiles;
import dev.isolate4j.testing.GoneProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Where a child's private directory is made ({@code /dev/shm}, with its segment areas), and that
 * the cleanup of a dead host's directories and the cleanup of dead processes' shared buffers, which
 * both look at {@code /dev/shm}, never take each other's.
 */
class SocketDirectoryTest {
    private static final Path IN_MEMORY = Path.of("/dev/shm");

    @Test
    void aDirectoryIsMadeInDevShmWithBothSegmentAreasAndGoesWithThem() throws IOException {
        SocketDirectory directory = SocketDirectory.create();
        try {
            assertThat(directory.directory().getParent()).isEqualTo(IN_MEMORY);
            assertThat(directory.directory().getFileName().toString())
                    .startsWith("isolate4j-socket-" + ProcessHandle.current().pid() + "-");
            assertThat(directory.areaFiles()).isNotNull();
            assertThat(Files.size(directory.directory().resolve(AreaFiles.TO_CHILD)))
                    .isEqualTo(4096);
            assertThat(Files.size(directory.directory().resolve(AreaFiles.TO_HOST)))
                    .isEqualTo(4096);
        } finally {
            directory.close();
        }
        assertThat(Files.exists(directory.directory())).isFalse();
    }

    @Test
    void aDeadHostsDirectoryIsRemovedAndADeadProcesssSharedBufferIsLeftToItsOwnCleanup() throws Exception {
        long dead = GoneProcesses.pid();
        Path directory = Files.createDirectory(IN_MEMORY.resolve("isolate4j-socket-" + dead + "-1"));
        Files.writeString(directory.resolve("rpc.sock"), "");
        Path buffer = Files.writeString(IN_MEMORY.resolve("isolate4j-" + dead + "-1"), "");
        try {
            SocketDirectory.removeStale();

            assertThat(Files.exists(directory)).isFalse();
            assertThat(Files.exists(buffer)).isTrue();

            Path another = Files.createDirectory(IN_MEMORY.resolve("isolate4j-socket-" + dead + "-2"));
            SharedMemoryFiles.removeStale();
            assertThat(Files.exists(buffer)).isFalse();
            assertThat(Files.exists(another)).isTrue();
            Files.delete(another);
        } finally {
            Files.deleteIfExists(directory.resolve("rpc.sock"));
            Files.deleteIfExists(directory);
            Files.deleteIfExists(buffer);
        }
    }
}
