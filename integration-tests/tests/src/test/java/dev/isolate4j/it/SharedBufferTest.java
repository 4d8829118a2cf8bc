package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.SharedBuffer;
import dev.isolate4j.it.api.BufferWorker;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SharedBuffer against real child JVMs: contents, writes, read-only views, cleanup, memory, size. */
class SharedBufferTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @TempDir
    Path envRoot;

    @Test
    void contentsAndWritesAreSeenByBothProcesses() {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot);
                SharedBuffer buffer = SharedBuffer.allocate(MIB)) {
            BufferWorker worker = worker(manager, "sharing");
            for (long i = 0; i < MIB; i++) {
                buffer.putByte(i, (byte) (i % 7));
            }
            long expected = 0;
            for (long i = 0; i < MIB; i++) {
                expected += i % 7;
            }

            assertThat(worker.sum(buffer)).isEqualTo(expected);
            worker.fill(buffer, (byte) 9);
            assertThat(buffer.getByte(0)).isEqualTo(9);
            assertThat(buffer.getByte(MIB - 1)).isEqualTo(9);
        }
    }

    @Test
    void readOnlyViewRefusesWritesInTheExtension() {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot);
                SharedBuffer buffer = SharedBuffer.allocate(4096)) {
            BufferWorker worker = worker(manager, "reader");

            assertThat(worker.tryWrite(buffer.asReadOnly())).isEqualTo("java.nio.ReadOnlyBufferException");
            assertThat(worker.tryWrite(buffer)).isEqualTo("written");
            assertThat(buffer.getByte(0)).isEqualTo(1);
        }
    }

    @Test
    void bufferIsRefusedWithoutSharedMemory() {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot);
                SharedBuffer buffer = SharedBuffer.allocate(4096)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("no-sharing").build());
            BufferWorker worker = ExtensionHandle.of(extension).createCaller(BufferWorker.class, "buffers");

            RemoteCallException e = assertThrows(RemoteCallException.class, () -> worker.sum(buffer));

            assertThat(e)
                    .hasMessageThat()
                    .contains("extension 'no-sharing' was loaded without" + " ExtensionConfig.sharedMemory(true)");
            assertThat(extension.echo("still fine")).isEqualTo("still fine");
        }
    }

    @Test
    void buffersAreRemovedWhenTheirOwnerStopsCrashesOrCloses() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            BufferWorker stopping = worker(manager, "stopping");
            SharedBuffer fromStopped = stopping.allocate(MIB, (byte) 3);
            assertThat(fromStopped.getByte(MIB / 2)).isEqualTo(3);
            assertThat(Files.exists(fromStopped.file())).isTrue();

            manager.stopExtension("stopping");
            assertThat(Files.exists(fromStopped.file())).isFalse();
            assertThat(fromStopped.getByte(MIB / 2)).isEqualTo(3); // the mapping outlives the file

            BufferWorker crashing = worker(manager, "crashing");
            SharedBuffer fromCrashed = crashing.allocate(MIB, (byte) 4);
            long pid = manager.handle("crashing").pid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Await.until(
                    "the crashed extension's buffer is removed",
                    Duration.ofSeconds(10),
                    () -> !Files.exists(fromCrashed.file()));

            SharedBuffer own = SharedBuffer.allocate(4096);
            own.close();
            assertThat(Files.exists(own.file())).isFalse();
        }
    }

    @Test
    void nextManagerRemovesBuffersOfAHostThatWasKilled() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path stale = Path.of("/dev/shm", "isolate4j-" + gone.pid() + "-1");
        Files.writeString(stale, "left behind by a host killed with SIGKILL");

        Fixtures.manager(envRoot).close();

        assertThat(Files.exists(stale)).isFalse();
    }

    @Test
    void tenExtensionsMapOneGibibyteAndMemoryStaysNearOneGibibyte() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot);
                SharedBuffer buffer = SharedBuffer.allocate(GIB)) {
            for (long i = 0; i < GIB / Long.BYTES; i += 512) {
                buffer.putLong(i, 1L); // one byte per 4 KiB page: every page exists
            }
            List<BufferWorker> workers = new ArrayList<>();
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                workers.add(worker(manager, "mapper-" + i));
                pids.add(manager.handle("mapper-" + i).pid());
            }

            List<CompletableFuture<Long>> sums = new ArrayList<>();
            for (BufferWorker worker : workers) {
                // Kept: measured below, the mapping must still exist in every child.
                sums.add(CompletableFuture.supplyAsync(() -> worker.sumAndKeep(buffer.asReadOnly())));
            }
            for (CompletableFuture<Long> sum : sums) {
                assertThat(sum.get(5, TimeUnit.MINUTES)).isEqualTo(GIB / Long.BYTES / 512);
            }

            long total = mappedPss(ProcessHandle.current().pid(), buffer.file());
            for (long pid : pids) {
                long pss = mappedPss(pid, buffer.file());
                assertThat(pss).isGreaterThan(0L);
                total += pss;
            }
            // Eleven processes map every page of it: shared, the mapping counts once, not eleven times.
            assertThat(total).isAtLeast(GIB * 95 / 100);
            assertThat(total).isAtMost(GIB * 105 / 100);
        }
    }

    @Test
    void buffersLargerThanTwoGibibytesWork() {
        long size = 2 * GIB + 512 * MIB;
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot);
                SharedBuffer buffer = SharedBuffer.allocate(size)) {
            BufferWorker worker = worker(manager, "large");
            long last = size / Long.BYTES - 1;
            long aroundSecondChunk = GIB / Long.BYTES;
            buffer.putLong(last, 0x1234_5678_9ABCL);
            buffer.putLong(aroundSecondChunk - 1, 11L);
            buffer.putLong(aroundSecondChunk, 12L);

            assertThat(buffer.size()).isEqualTo(size);
            assertThat(worker.longAt(buffer, last)).isEqualTo(0x1234_5678_9ABCL);
            assertThat(worker.longAt(buffer, aroundSecondChunk - 1)).isEqualTo(11L);
            assertThat(worker.longAt(buffer, aroundSecondChunk)).isEqualTo(12L);
        }
    }

    private static BufferWorker worker(ExtensionManager<TestExtension> manager, String name) {
        TestExtension extension =
                manager.loadExtension(Fixtures.config(name).sharedMemory(true).build());
        return ExtensionHandle.of(extension).createCaller(BufferWorker.class, "buffers");
    }

    /** The proportional set size, in bytes, of {@code pid}'s mappings of {@code file}. */
    private static long mappedPss(long pid, Path file) throws IOException {
        long kib = 0;
        boolean inMapping = false;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inMapping = line.endsWith(file.toString());
            } else if (inMapping && line.startsWith("Pss:")) {
                kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kib * 1024;
    }
}
