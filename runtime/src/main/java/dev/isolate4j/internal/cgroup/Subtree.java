package dev.isolate4j.internal.cgroup;

import dev.isolate4j.HardLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands cgroup v2 controllers from the host's group to its child groups ({@code cgroup.subtree_control}).
 *
 * <p>cgroup v2's "no internal processes" rule: a group other than the root may enable controllers for
 * its children only while no process is in the group itself; the kernel refuses the write with
 * EBUSY. The host's own group usually holds the host (a systemd scope is exactly that), so when the
 * write fails and the group holds processes, they are moved into a leaf group of their own, {@value
 * HostCgroups#HOST_LEAF}, as container runtimes do, and the write is tried again. The host's memory
 * and CPU are then counted in that leaf, which has no limits.
 */
final class Subtree {
    private static final Logger log = LoggerFactory.getLogger(Subtree.class);

    private Subtree() {}

    /**
     * Enables {@code controllers} for the children of {@code group}, moving the group's processes into
     * a leaf first when the kernel asks for that.
     *
     * @throws CgroupUnavailableException when they cannot be enabled, saying why
     */
    static void enable(Path group, List<Controller> controllers, HardLimits limits) {
        Path control = group.resolve("cgroup.subtree_control");
        Set<String> enabled = HostCgroups.words(HostCgroups.readOrEmpty(control));
        List<Controller> missing = controllers.stream()
                .filter(controller -> !enabled.contains(controller.fileSystemName()))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        String change = missing.stream()
                .map(controller -> "+" + controller.fileSystemName())
                .collect(Collectors.joining(" "));
        try {
            CgroupFiles.write(control, change);
            return;
        } catch (IOException first) {
            List<String> processes = processes(group);
            if (processes.isEmpty()) {
                throw failure(limits, missing, control, change, CgroupFiles.why(first), first);
            }
            Path leaf = group.resolve(HostCgroups.HOST_LEAF);
            try {
                moveIntoLeaf(processes, leaf);
                CgroupFiles.write(control, change);
                log.info(
                        "moved the processes of cgroup {} into {}, so that it may give its child groups the"
                                + " controllers for hard limits (cgroup v2 lets only a group without processes"
                                + " of its own do so)",
                        group,
                        leaf);
            } catch (IOException second) {
                throw failure(
                        limits,
                        missing,
                        control,
                        change,
                        CgroupFiles.why(first) + ", and again after moving the group's processes into " + leaf
                                + ", as cgroup v2 requires of a group that hands controllers to its children ("
                                + CgroupFiles.why(second) + ")",
                        second);
            }
        }
    }

    private static void moveIntoLeaf(List<String> processes, Path leaf) throws IOException {
        if (!Files.isDirectory(leaf)) {
            Files.createDirectory(leaf);
        }
        for (String pid : processes) {
            try {
                CgroupFiles.write(leaf.resolve("cgroup.procs"), pid);
            } catch (IOException e) {
                // A process that has exited since it was listed cannot be moved, and needs not be.
                if (ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
                    throw e;
                }
            }
        }
    }

    private static List<String> processes(Path group) {
        return HostCgroups.readOrEmpty(group.resolve("cgroup.procs"))
                .lines()
                .map(String::trim)
                .filter(line -> line.matches("[0-9]+"))
                .toList();
    }

    private static CgroupUnavailableException failure(
            HardLimits limits, List<Controller> missing, Path control, String change, String why, IOException cause) {
        return new CgroupUnavailableException(
                CgroupUnavailableException.message(
                        limits, missing, "could not write '" + change + "' to " + control + " (" + why + ")"),
                cause);
    }
}
