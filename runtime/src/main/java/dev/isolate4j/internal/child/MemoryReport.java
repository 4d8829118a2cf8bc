package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/** This JVM's memory, as a child reports it to its host. */
final class MemoryReport {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** How often the heap's size is read again when it moved while its free part was read. */
    static final int MAX_READS = 10;

    private MemoryReport() {}

    static ExtensionMemory current() {
        Runtime runtime = Runtime.getRuntime();
        return of(rssBytes(), runtime::totalMemory, runtime::freeMemory, runtime.maxMemory());
    }

    /**
     * The memory from the heap's committed size and its free part, which are read one after the
     * other: a collection between the two reads may resize the heap, and the committed size read
     * before it minus the free part read after it once gave a negative heap in use (-7 MiB, in a CI
     * run). So the committed size is read again after the free part, until it held still, and the
     * heap in use is never below zero.
     */
    static ExtensionMemory of(long rssBytes, LongSupplier committedBytes, LongSupplier freeBytes, long maxBytes) {
        long committed;
        long free;
        int reads = 0;
        do {
            committed = committedBytes.getAsLong();
            free = freeBytes.getAsLong();
        } while (committed != committedBytes.getAsLong() && ++reads < MAX_READS);
        return new ExtensionMemory(rssBytes, Math.max(0, committed - free), committed, maxBytes);
    }

    /** {@code VmRSS} of /proc/self/status, in bytes; -1 where there is none. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or no /proc: the host shows -1
        }
        return -1;
    }
}
