package dev.isolate4j.testing;

import java.io.IOException;

/**
 * Pids of processes that have ended, for tests of the cleanups that remove what a dead host or
 * child left behind.
 *
 * <pre>{@code
 * Files.createDirectory(dir.resolve("isolate4j-socket-" + GoneProcesses.pid() + "-1"));
 * }</pre>
 */
public final class GoneProcesses {
    private GoneProcesses() {}

    /** {@return the pid of a process that started and ended} */
    public static long pid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
