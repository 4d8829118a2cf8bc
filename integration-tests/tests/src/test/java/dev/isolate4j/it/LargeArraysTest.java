package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large arrays in the default configuration (sandboxed where bubblewrap runs): a {@code byte[]} of
 * a megabyte or more crosses through the connection's segment areas, files in the child's socket
 * directory in {@code /dev/shm}, whole and unchanged both ways; several at once arrive whole too
 * (those an area cannot take while it holds another cross the socket); and an area's memory is given
 * back a few seconds after the last large array, and at the close.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeArraysTest {
    private static final int HEADER_BYTES = 4096;

    @TempDir
    Path envRoot;

    @Test
    void a64MiBArrayCrossesBothWaysThroughTheAreasWhichGiveTheirMemoryBackWhenIdle() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("large").build());
            Path directory = Fixtures.socketDirectory(extension);
            assertThat(directory.getParent()).isEqualTo(Path.of("/dev/shm"));
            byte[] bytes = randomBytes(64 << 20, 1);

            assertShifted(bytes, extension.shifted(bytes, 3), 3);

            // The argument went through the host's area and the result through the child's: each grew to hold it.
            assertThat(Files.size(directory.resolve("to-child.segments"))).isAtLeast(HEADER_BYTES + (64L << 20));
            assertThat(Files.size(directory.resolve("to-host.segments"))).isAtLeast(HEADER_BYTES + (64L << 20));
            Await.until("both areas emptied after 5 s without a large array", Duration.ofSeconds(20), () -> {
                return size(directory.resolve("to-child.segments")) <= HEADER_BYTES
                        && size(directory.resolve("to-host.segments")) <= HEADER_BYTES;
            });

            // Emptied areas grow again for the next large array.
            byte[] more = randomBytes(3 << 20, 2);
            assertShifted(more, extension.shifted(more, -7), -7);
            assertThat(Files.size(directory.resolve("to-host.segments"))).isAtLeast(HEADER_BYTES + (3L << 20));
            manager.close();
            assertWithMessage("the socket directory, with its areas, after the close")
                    .that(Files.exists(directory))
                    .isFalse();
        }
    }

    @Test
    void largeArraysSentFromEightThreadsAtOnceAllArriveWhole() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("crowded").build());
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int thread = 0; thread < 8; thread++) {
                    int delta = thread + 1;
                    calls.add(threads.submit(() -> {
                        for (int call = 0; call < 4; call++) {
                            byte[] bytes = randomBytes((1 << 20) + call * 777_777, delta * 10 + call);
                            assertShifted(bytes, extension.shifted(bytes, delta), delta);
                        }
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static void assertShifted(byte[] sent, byte[] received, int delta) {
        assertThat(received.length).isEqualTo(sent.length);
        for (int i = 0; i < sent.length; i++) {
            if (received[i] != (byte) (sent[i] + delta)) {
                assertWithMessage("byte %s of %s", i, sent.length)
                        .that(received[i])
                        .isEqualTo((byte) (sent[i] + delta));
            }
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
