package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM's memory, as a child reports it to its host. */
final class MemoryReport {
    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryReport() {}

    static ExtensionMemory current() {
        Runtime runtime = Runtime.getRuntime();
        long committed = runtime.totalMemory();
        return new ExtensionMemory(rssBytes(), committed - runtime.freeMemory(), committed, runtime.maxMemory());
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
