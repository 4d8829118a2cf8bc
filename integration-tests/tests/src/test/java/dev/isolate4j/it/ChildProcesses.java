package dev.isolate4j.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether processes still run, by handle, so that a reused pid is never mistaken for the process
 * once behind it; a zombie (exited, not yet reaped by whoever adopted it) counts as gone.
 */
final class ChildProcesses {
    private static final Duration POLL = Duration.ofMillis(10);

    private ChildProcesses() {}

    /** The handle of the running process {@code pid}; fails when none runs. */
    static ProcessHandle handle(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !runs(handle.get())) {
            throw new AssertionError("no process " + pid + " runs");
        }
        return handle.get();
    }

    /** The process that started {@code child}: its parent, or its sandbox's bubblewrap's parent. */
    static Optional<ProcessHandle> starter(ProcessHandle child) {
        Optional<ProcessHandle> parent = child.parent();
        boolean sandbox = parent.flatMap(process -> process.info().command())
                .map(command -> command.endsWith("/bwrap"))
                .orElse(false);
        return sandbox ? parent.flatMap(ProcessHandle::parent) : parent;
    }

    /** Whether {@code process} still runs: alive, and not a zombie. */
    static boolean runs(ProcessHandle process) {
        return process.isAlive() && !zombie(process.pid());
    }

    /** Waits up to {@code timeout} for {@code process} to be gone; returns whether it is. */
    static boolean awaitGone(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (runs(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /** Kills {@code process} if it still runs, for cleanup after a failed assertion. */
    static void killQuietly(ProcessHandle process) {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** How many children of this JVM still run. */
    static long liveChildren() {
        return ProcessHandle.current().children().filter(ChildProcesses::runs).count();
    }

    private static boolean zombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat);
            // pid (command, which may hold spaces and parentheses) state ...
            int end = line.lastIndexOf(')');
            if (end < 0 || end + 2 >= line.length()) {
                return false;
            }
            char state = line.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException e) {
            return Files.isDirectory(Path.of("/proc", "self")); // no entry in a /proc that works: gone
        } catch (IOException e) {
            return false; // no /proc to ask: trust ProcessHandle
        }
    }
}
