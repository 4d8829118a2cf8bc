package dev.isolate4j.internal.cgroup;

import dev.isolate4j.HardLimits;
import dev.isolate4j.internal.jdk.JvmSizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child's cgroup: a group {@code isolate4j-<extension>-<random>} under the host's own group (one
 * per v1 hierarchy, one for v2) holding the child's {@link HardLimits}.
 *
 * <p>Its life: {@link #create} makes the groups and writes the limits; the child's command starts
 * with {@link #commandPrefix()}, which moves the process into the groups before it runs the real
 * command, so that nothing of the child ever runs unlimited; after the child has exited, {@link
 * #oomKilled()} says whether the memory limit killed it and {@link #remove()} removes the groups.
 *
 * <p>{@code create} and {@code remove} belong to the child's one owner; {@link #oomKilled()} and {@link
 * #memoryLimitHit()} may be asked from any thread.
 */
public final class ChildCgroup {
    /** The child's exit status when it could not join its group (its shell says why on stderr). */
    public static final int JOIN_FAILED_STATUS = 125;

    private static final Logger log = LoggerFactory.getLogger(ChildCgroup.class);
    private static final Duration REMOVAL_PATIENCE = Duration.ofSeconds(2);

    private final HardLimits limits;
    /** The child's group per limited controller. */
    private final Map<Controller, Path> groups;
    /** The distinct groups, in the order they were made. */
    private final List<Path> directories;

    private final boolean memoryUnified;
    /** The memory state read just before removal, when the groups' files are still there. */
    private volatile MemoryState finalMemory;

    private ChildCgroup(
            HardLimits limits, Map<Controller, Path> groups, List<Path> directories, boolean memoryUnified) {
        this.limits = limits;
        this.groups = groups;
        this.directories = List.copyOf(directories);
        this.memoryUnified = memoryUnified;
    }

    /**
     * Makes the groups of a child of {@code extensionName} and writes {@code limits} to them. With
     * {@link HardLimits#none()} it makes nothing, and its prefix is empty.
     *
     * @param extensionName the extension's name; what of it is safe in a file name names the group
     * @param limits the limits
     * @param host the host's own groups ({@link HostCgroups#detect()})
     * @return the groups
     * @throws CgroupUnavailableException when a limit cannot be enforced here, saying which, what was
     *     looked for, why it failed and what to do
     */
    public static ChildCgroup create(String extensionName, HardLimits limits, HostCgroups host) {
        return create(groupName(extensionName), limits, host, group -> {});
    }

    /** {@return a new group's name} {@code isolate4j-}, what is safe of the name in a file name, and 8 random hex digits. */
    static String groupName(String extensionName) {
        String safe = extensionName.replaceAll("[^A-Za-z0-9._-]", "_");
        return "isolate4j-" + safe.substring(0, Math.min(safe.length(), 40)) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /**
     * {@link #create(String, HardLimits, HostCgroups)} with the group's name given; {@code kernel} is
     * called with each new group before its files are written, so that a test's fake tree can make
     * the files the kernel would.
     */
    static ChildCgroup create(String groupName, HardLimits limits, HostCgroups host, Consumer<Path> kernel) {
        Map<Path, List<Controller>> byParent = new LinkedHashMap<>();
        for (Controller controller : Controller.values()) {
            if (!controller.neededBy(limits)) {
                continue;
            }
            HostCgroups.Placement placement;
            try {
                placement = host.placement(controller);
            } catch (IllegalStateException e) {
                throw new CgroupUnavailableException(
                        CgroupUnavailableException.message(limits, List.of(controller), e.getMessage()));
            }
            byParent.computeIfAbsent(placement.group(), parent -> new ArrayList<>())
                    .add(controller);
        }
        Map<Controller, Path> groups = new EnumMap<>(Controller.class);
        List<Path> made = new ArrayList<>();
        boolean memoryUnified = false;
        try {
            for (Map.Entry<Path, List<Controller>> entry : byParent.entrySet()) {
                List<Controller> controllers = entry.getValue();
                boolean unified = host.placement(controllers.get(0)).unified();
                if (unified) {
                    Subtree.enable(entry.getKey(), controllers, limits);
                    memoryUnified |= controllers.contains(Controller.MEMORY);
                }
                Path group = entry.getKey().resolve(groupName);
                make(group, limits, controllers);
                made.add(group);
                kernel.accept(group);
                for (Controller controller : controllers) {
                    LimitWriter.write(group, controller, unified, limits);
                    groups.put(controller, group);
                }
            }
        } catch (RuntimeException e) {
            for (Path group : made) {
                removeQuietly(group);
            }
            throw e;
        }
        log.debug("cgroups {} hold {}", made, limits);
        return new ChildCgroup(limits, groups, made, memoryUnified);
    }

    /**
     * {@return the command to put before the child's own} It moves its process into each group, then
     * executes the rest of the command line in that same process; when it cannot join a group it
     * exits with {@value #JOIN_FAILED_STATUS} after its shell has said why on stderr. Each group is an
     * argument of its own, so spaces and quotes in paths are safe.
     */
    public List<String> commandPrefix() {
        if (directories.isEmpty()) {
            return List.of();
        }
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < directories.size(); i++) {
            script.append("echo $$ > \"$1/cgroup.procs\" || exit ")
                    .append(JOIN_FAILED_STATUS)
                    .append("; shift; ");
        }
        script.append("exec \"$@\"");
        List<String> prefix = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "isolate4j-cgroup"));
        directories.forEach(directory -> prefix.add(directory.toString()));
        return prefix;
    }

    /**
     * {@return options that size the child's JVM by its limits} {@code -XX:MaxRAM} as the memory limit,
     * so that the default heap is a share of it rather than of the machine's memory, and {@code
     * -XX:ActiveProcessorCount} as the CPUs rounded up, so that thread pools are sized by it. The JVM
     * would find these in the cgroup itself when it sees the cgroup file system, which a sandbox may
     * hide. To go before the user's own options, which win.
     */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        if (limits.memoryBytes() > 0) {
            options.add("-XX:MaxRAM=" + limits.memoryBytes());
        }
        if (limits.cpus() > 0) {
            options.add("-XX:ActiveProcessorCount=" + (int) Math.ceil(limits.cpus()));
        }
        return options;
    }

    /** {@return the limits} */
    public HardLimits limits() {
        return limits;
    }

    /** {@return the child's groups, in the order they were made} */
    public List<Path> directories() {
        return directories;
    }

    /**
     * {@return whether the child's memory reached its limit} The kernel then reclaimed memory from it or
     * killed it. Read after the child has exited, before or after {@link #remove()}.
     */
    public boolean memoryLimitHit() {
        return memoryState().limitHit();
    }

    /**
     * {@return whether the kernel killed a process of the child at its memory limit} On cgroup v1
     * kernels older than 4.13, which do not count kills, this is {@link #memoryLimitHit()}. Read after
     * the child has exited, before or after {@link #remove()}.
     */
    public boolean oomKilled() {
        return memoryState().oomKilled();
    }

    /**
     * {@return why the child died, when its memory limit killed it} Such as "the kernel killed it at its
     * hard memory limit of 512 MiB (HardLimits)"; empty otherwise.
     */
    public Optional<String> memoryKill() {
        return oomKilled()
                ? Optional.of("the kernel killed it at its hard memory limit of "
                        + JvmSizes.format(limits.memoryBytes()) + " (HardLimits)")
                : Optional.empty();
    }

    /**
     * Removes the groups, once the child has exited; whatever processes the child left behind in them
     * are killed first, since a group with processes cannot be removed. Only the directories are
     * removed ({@code rmdir}), as cgroups are; their files are the kernel's. Tries for 2 seconds.
     *
     * @return whether every group is gone; a warning is logged for each that is not
     */
    public boolean remove() {
        return remove(REMOVAL_PATIENCE);
    }

    /**
     * {@link #remove()}, trying for {@code patience}.
     *
     * @param patience how long to keep trying while processes drain
     * @return whether every group is gone
     */
    public boolean remove(Duration patience) {
        if (finalMemory == null) {
            finalMemory = liveMemoryState();
        }
        long deadline = System.nanoTime() + patience.toNanos();
        boolean removed = true;
        for (int i = directories.size() - 1; i >= 0; i--) {
            removed &= GroupRemover.remove(directories.get(i), deadline);
        }
        return removed;
    }

    @Override
    public String toString() {
        return "cgroups " + directories + " (" + limits + ")";
    }

    private MemoryState memoryState() {
        MemoryState state = finalMemory;
        return state != null ? state : liveMemoryState();
    }

    private MemoryState liveMemoryState() {
        Path group = groups.get(Controller.MEMORY);
        if (group == null) {
            return new MemoryState(false, false);
        }
        if (memoryUnified) {
            Path events = group.resolve("memory.events");
            long max = CgroupFiles.keyed(events, "max").orElse(0L);
            long oom = CgroupFiles.keyed(events, "oom").orElse(0L);
            long kills = CgroupFiles.keyed(events, "oom_kill").orElse(0L);
            return new MemoryState(max > 0 || oom > 0 || kills > 0, kills > 0);
        }
        // When memory and swap are limited alike, the kernel may count the failures against either,
        // or, as 6.x kernels do, against neither while it still counts the kill.
        boolean failed = CgroupFiles.number(group.resolve("memory.failcnt")).orElse(0L) > 0
                || CgroupFiles.number(group.resolve("memory.memsw.failcnt")).orElse(0L) > 0;
        Optional<Long> kills = CgroupFiles.keyed(group.resolve("memory.oom_control"), "oom_kill");
        boolean killed = kills.map(count -> count > 0).orElse(failed);
        return new MemoryState(failed || killed, killed);
    }

    private static void make(Path group, HardLimits limits, List<Controller> controllers) {
        try {
            Files.createDirectory(group);
        } catch (IOException e) {
            throw new CgroupUnavailableException(
                    CgroupUnavailableException.message(
                            limits,
                            controllers,
                            "could not create the group " + group + " (" + CgroupFiles.why(e) + ")"),
                    e);
        }
    }

    private static void removeQuietly(Path group) {
        try {
            Files.deleteIfExists(group);
        } catch (IOException e) {
            log.warn("could not remove the cgroup {} after a failed start: {}", group, CgroupFiles.why(e));
        }
    }

    private record MemoryState(boolean limitHit, boolean oomKilled) {}
}
