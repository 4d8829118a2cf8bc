package dev.isolate4j.internal.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where this process's own groups are, per controller: in the cgroup v2 hierarchy when it offers the
 * controller, else in the v1 hierarchy mounted with it (a machine in "hybrid" mode has both), or why
 * neither can be used. Children's groups are made under these.
 *
 * <p>A process's group is a path inside its hierarchy ({@code /proc/self/cgroup}); the hierarchy is
 * visible where it is mounted ({@code /proc/self/mountinfo}), from the mount's root down. In a
 * container the mount's root is often the container's own group, and so is the process's path: both
 * then map to the mount point itself.
 */
public final class HostCgroups {
    /**
     * The v2 group a host moves its own processes into so that its group may hand controllers to its
     * children (cgroup v2 lets only a group without processes of its own do so); the children's
     * parent stays the group above it.
     */
    static final String HOST_LEAF = "isolate4j-host";

    private final Path root;
    private final Map<Controller, Placement> placements;
    private final Map<Controller, String> unavailable;

    /**
     * Where one controller is.
     *
     * @param controller the controller
     * @param unified whether it is in the cgroup v2 hierarchy
     * @param group this process's group in that hierarchy (for v2, the group above {@value #HOST_LEAF})
     */
    record Placement(Controller controller, boolean unified, Path group) {}

    private HostCgroups(Path root, Map<Controller, Placement> placements, Map<Controller, String> unavailable) {
        this.root = root;
        this.placements = placements;
        this.unavailable = unavailable;
    }

    /** {@return this process's groups, as the running system shows them} */
    public static HostCgroups detect() {
        return detect(Path.of("/"));
    }

    /**
     * {@return this process's groups, read from the file system rooted at {@code root}} Tests give a
     * fake tree; {@code proc/self/mountinfo} and {@code proc/self/cgroup} are read from it, and every
     * mount point is looked up under it.
     *
     * @param root the file system's root
     */
    static HostCgroups detect(Path root) {
        Map<Controller, Placement> placements = new EnumMap<>(Controller.class);
        Map<Controller, String> unavailable = new EnumMap<>(Controller.class);
        List<Mount> mounts;
        List<Membership> memberships;
        try {
            mounts = Mount.parseAll(read(root.resolve("proc/self/mountinfo")));
            memberships = Membership.parseAll(read(root.resolve("proc/self/cgroup")));
        } catch (IOException e) {
            for (Controller controller : Controller.values()) {
                unavailable.put(
                        controller,
                        "could not read /proc/self/mountinfo and /proc/self/cgroup (" + e
                                + "); cgroups exist on Linux only");
            }
            return new HostCgroups(root, placements, unavailable);
        }
        Optional<Path> unifiedGroup = unifiedGroup(root, mounts, memberships);
        Set<String> unifiedControllers = unifiedGroup
                .map(group -> words(readOrEmpty(group.resolve("cgroup.controllers"))))
                .orElse(Set.of());
        for (Controller controller : Controller.values()) {
            if (unifiedControllers.contains(controller.fileSystemName())) {
                placements.put(controller, new Placement(controller, true, unifiedGroup.orElseThrow()));
                continue;
            }
            Optional<Path> legacy = legacyGroup(root, mounts, memberships, controller);
            if (legacy.isPresent()) {
                placements.put(controller, new Placement(controller, false, legacy.get()));
                continue;
            }
            String v2 = unifiedGroup
                    .map(group -> "the cgroup v2 group " + group + " does not offer the " + controller.fileSystemName()
                            + " controller (its cgroup.controllers lists " + unifiedControllers
                            + "), so the group above it has not delegated it")
                    .orElse("no cgroup v2 hierarchy is mounted (no cgroup2 line in /proc/self/mountinfo, or none that"
                            + " shows this process's group)");
            unavailable.put(
                    controller,
                    v2 + ", and no cgroup v1 hierarchy with the " + controller.fileSystemName() + " controller shows"
                            + " this process's group (looked for a mount of type cgroup with option "
                            + controller.fileSystemName() + " in /proc/self/mountinfo)");
        }
        return new HostCgroups(root, placements, unavailable);
    }

    /**
     * {@return where {@code controller} is}
     *
     * @param controller the controller
     * @throws IllegalStateException with the reason, when there is none
     */
    Placement placement(Controller controller) {
        Placement placement = placements.get(controller);
        if (placement == null) {
            throw new IllegalStateException(unavailable.get(controller));
        }
        return placement;
    }

    /** {@return why {@code controller} cannot be used, or empty when it can} */
    Optional<String> unavailableReason(Controller controller) {
        return Optional.ofNullable(unavailable.get(controller));
    }

    /** {@return the file system's root these were read from} */
    Path root() {
        return root;
    }

    @Override
    public String toString() {
        return "cgroups " + placements.values()
                + (unavailable.isEmpty() ? "" : ", unavailable " + unavailable.keySet());
    }

    private static Optional<Path> unifiedGroup(Path root, List<Mount> mounts, List<Membership> memberships) {
        Optional<Membership> membership =
                memberships.stream().filter(Membership::unified).findFirst();
        if (membership.isEmpty()) {
            return Optional.empty();
        }
        return mounts.stream()
                .filter(mount -> mount.type().equals("cgroup2"))
                .flatMap(mount -> map(root, mount, membership.get().path()).stream())
                .filter(Files::isDirectory)
                .findFirst()
                .map(group -> group.getFileName() != null
                                && group.getFileName().toString().equals(HOST_LEAF)
                        ? group.getParent()
                        : group);
    }

    private static Optional<Path> legacyGroup(
            Path root, List<Mount> mounts, List<Membership> memberships, Controller controller) {
        String name = controller.fileSystemName();
        Optional<Membership> membership = memberships.stream()
                .filter(candidate -> candidate.controllers().contains(name))
                .findFirst();
        if (membership.isEmpty()) {
            return Optional.empty();
        }
        return mounts.stream()
                .filter(mount ->
                        mount.type().equals("cgroup") && mount.superOptions().contains(name))
                .flatMap(mount -> map(root, mount, membership.get().path()).stream())
                .filter(Files::isDirectory)
                .findFirst();
    }

    /**
     * {@return where the group {@code path} of {@code mount}'s hierarchy is, or empty when the mount
     * does not show it} The mount shows its root and what is below; the path is relative to the
     * hierarchy's root.
     */
    static Optional<Path> map(Path root, Mount mount, String path) {
        String mountRoot = mount.root();
        String relative;
        if (mountRoot.equals("/")) {
            relative = path;
        } else if (path.equals(mountRoot)) {
            relative = "/";
        } else if (path.startsWith(mountRoot + "/")) {
            relative = path.substring(mountRoot.length());
        } else {
            return Optional.empty();
        }
        if (!relative.startsWith("/") || Arrays.asList(relative.split("/")).contains("..")) {
            // A group outside this cgroup namespace shows as /../..: it is not below any mount here.
            return Optional.empty();
        }
        Path mountPoint = root.resolve(mount.mountPoint().substring(1));
        return Optional.of(relative.equals("/") ? mountPoint : mountPoint.resolve(relative.substring(1)));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String readOrEmpty(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@return the words of a cgroup list file} A {@code +} before a word, as written to subtree_control, is dropped. */
    static Set<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.startsWith("+") ? word.substring(1) : word)
                .collect(Collectors.toUnmodifiableSet());
    }
}
