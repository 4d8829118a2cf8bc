package dev.isolate4j.internal.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a child's group once the child has exited. The kernel refuses to remove a group while a
 * process is in it (EBUSY); what the child left behind there is killed, and removal is tried again
 * until the processes have drained or time is up. Only {@code rmdir}: the files in a group are the
 * kernel's, never deleted one by one.
 */
final class GroupRemover {
    private static final Logger log = LoggerFactory.getLogger(GroupRemover.class);
    private static final long RETRY_MILLIS = 10;

    private GroupRemover() {}

    /** Removes {@code group}, trying until {@code deadline} ({@link System#nanoTime()}); {@return whether it is gone} */
    static boolean remove(Path group, long deadline) {
        while (true) {
            try {
                Files.deleteIfExists(group);
                return true;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    log.warn("could not remove the cgroup {} ({}); it is left behind", group, CgroupFiles.why(e));
                    return false;
                }
                killLeftovers(group);
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    log.warn("interrupted while removing the cgroup {}; it is left behind", group);
                    return false;
                }
            }
        }
    }

    /** Kills every process in {@code group}: at once through cgroup.kill (v2, Linux 5.14), else one by one. */
    private static void killLeftovers(Path group) {
        try {
            if (CgroupFiles.writeIfPresent(group.resolve("cgroup.kill"), "1")) {
                return;
            }
        } catch (IOException e) {
            log.debug("cgroup.kill of {} failed ({}); killing its processes one by one", group, CgroupFiles.why(e));
        }
        HostCgroups.readOrEmpty(group.resolve("cgroup.procs"))
                .lines()
                .map(String::trim)
                .filter(line -> line.matches("[0-9]+"))
                .filter(pid -> Long.parseLong(pid) != ProcessHandle.current().pid())
                .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
    }
}
