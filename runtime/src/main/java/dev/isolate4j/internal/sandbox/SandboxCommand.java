package dev.isolate4j.internal.sandbox;

import dev.isolate4j.SandboxConfig;
import dev.isolate4j.internal.sharedmemory.AreaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The bubblewrap command line that wraps a child JVM: deny by default, then bind read-only exactly
 * what the child needs, and read-write only its socket directory and the configured paths.
 *
 * <p>The pid namespace is shared on purpose: the host addresses the child, and shared buffers are
 * owned, by the pid both sides see.
 *
 * <p>The child keeps no capability ({@code --cap-drop ALL}). A host that runs as root (as in many
 * containers) would otherwise start its children with all of root's capabilities, which bubblewrap
 * keeps for a privileged caller: such a child could read the host's memory and environment through
 * {@code /proc/<host pid>}, and mount past the sandbox's binds. An unprivileged host's children run
 * in a user namespace without them already.
 */
public final class SandboxCommand {
    /** System locations the JVM needs to run at all; missing ones are skipped. */
    private static final List<String> SYSTEM = List.of("/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin");

    private static final List<String> SYSTEM_FILES = List.of(
            "/etc/alternatives",
            "/etc/ld.so.cache",
            "/etc/localtime",
            "/etc/passwd",
            "/etc/group",
            "/etc/nsswitch.conf",
            "/etc/hosts",
            "/etc/ssl");

    /**
     * What the child needs.
     *
     * @param classPath the child JVM's class path entries (jar files or directories); the jars a
     *     jar's manifest names join them
     * @param extensionClassPath an isolated extension's resolved class path: its jars' manifests are
     *     not followed, for they come from third parties and the sandbox contains them
     * @param readable further files and directories the child reads: the JDK, the module, an isolated
     *     extension's record, the class-data archive
     * @param socketDirectory the private directory of the child's socket
     * @param sharedMemory whether the child maps shared buffers in {@code /dev/shm}
     * @param links where class-path jars are gathered as hard links, or {@code null} to bind each
     */
    public record Needs(
            List<Path> classPath,
            List<Path> extensionClassPath,
            List<Path> readable,
            Path socketDirectory,
            boolean sharedMemory,
            LinkedFiles links) {}

    private SandboxCommand() {}

    /**
     * The arguments that go before the child's own command: {@code bwrap ... --}.
     *
     * @param config the extension's sandbox settings
     * @param needs what the child must reach inside the sandbox
     * @return the command prefix
     * @throws IOException when a path cannot be inspected
     */
    public static List<String> prefix(SandboxConfig config, Needs needs) throws IOException {
        List<String> args = new ArrayList<>(
                List.of(Bubblewrap.executable(), "--die-with-parent", "--new-session", "--cap-drop", "ALL"));
        args.addAll(List.of("--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
        if (!config.network()) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        List<Path> system = systemPaths(config);
        for (Path path : system) {
            args.addAll(List.of("--ro-bind-try", path.toString(), path.toString()));
        }
        // Binds after the /tmp tmpfs, so that class path entries and the socket under /tmp show through.
        bindReadOnly(args, config, needs, system);
        for (Path path : config.readOnlyPaths()) {
            args.addAll(List.of("--ro-bind-try", path.toString(), path.toString()));
        }
        args.addAll(List.of(
                "--bind",
                needs.socketDirectory().toString(),
                needs.socketDirectory().toString()));
        // The host writes its segment area through a mapping, which the child must not cut short.
        Path hostsArea = needs.socketDirectory().resolve(AreaFiles.TO_CHILD);
        if (Files.exists(hostsArea, LinkOption.NOFOLLOW_LINKS)) {
            args.addAll(List.of("--ro-bind", hostsArea.toString(), hostsArea.toString()));
        }
        if (needs.sharedMemory()) {
            args.addAll(List.of("--bind", "/dev/shm", "/dev/shm"));
        }
        for (Path path : config.writablePaths()) {
            args.addAll(List.of("--bind", path.toString(), path.toString()));
        }
        args.addAll(List.of("--chdir", "/tmp", "--"));
        return args;
    }

    /**
     * Binds what the child reads. Class-path jars become symbolic links into one bound directory
     * of hard links where they can (see {@link LinkedFiles}); the rest is bound path by path.
     */
    private static void bindReadOnly(List<String> args, SandboxConfig config, Needs needs, List<Path> system)
            throws IOException {
        Set<Path> classPath = new LinkedHashSet<>();
        for (Path entry : needs.classPath()) {
            addWithManifestClassPath(entry.toAbsolutePath().normalize(), classPath);
        }
        for (Path entry : needs.extensionClassPath()) {
            if (Files.exists(entry)) {
                classPath.add(entry.toAbsolutePath().normalize());
            }
        }
        Set<Path> paths = new LinkedHashSet<>(classPath);
        for (Path path : needs.readable()) {
            if (Files.exists(path)) {
                paths.add(path.toAbsolutePath().normalize());
            }
        }
        Map<Path, Path> links = Map.of();
        List<Path> linkable = linkable(classPath, mountPoints(config, needs, paths, system));
        if (needs.links() != null
                && !linkable.isEmpty()
                && !exposes(config, needs.links().root())) {
            LinkedFiles.Linked linked = needs.links().link(linkable);
            links = linked.links();
            if (!links.isEmpty()) {
                args.addAll(List.of(
                        "--ro-bind",
                        linked.directory().toString(),
                        linked.directory().toString()));
            }
        }
        for (Path path : paths) {
            Path link = links.get(path);
            if (link != null) {
                args.addAll(List.of("--symlink", link.toString(), path.toString()));
            } else {
                args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
    }

    /**
     * The regular files of {@code classPath} outside every mount point: bubblewrap cannot make a
     * symbolic link inside a read-only bind, and needs none where a bind shows the file already.
     */
    private static List<Path> linkable(Set<Path> classPath, List<Path> mountPoints) {
        return classPath.stream()
                .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                .filter(path -> mountPoints.stream().noneMatch(path::startsWith))
                .toList();
    }

    /**
     * Whether a configured path would show {@code linksRoot} to the child: all sets' links, or,
     * writable, the very jars the links share their files with.
     */
    private static boolean exposes(SandboxConfig config, Path linksRoot) {
        return Stream.concat(config.readOnlyPaths().stream(), config.writablePaths().stream())
                .map(path -> path.toAbsolutePath().normalize())
                .anyMatch(path -> linksRoot.startsWith(path) || path.startsWith(linksRoot));
    }

    private static List<Path> mountPoints(SandboxConfig config, Needs needs, Set<Path> paths, List<Path> system) {
        List<Path> mountPoints = new ArrayList<>(system);
        paths.stream().filter(Files::isDirectory).forEach(mountPoints::add);
        config.readOnlyPaths()
                .forEach(path -> mountPoints.add(path.toAbsolutePath().normalize()));
        config.writablePaths()
                .forEach(path -> mountPoints.add(path.toAbsolutePath().normalize()));
        mountPoints.add(needs.socketDirectory());
        mountPoints.add(Path.of("/dev"));
        mountPoints.add(Path.of("/proc"));
        return mountPoints;
    }

    /** A jar's manifest may name more of the class path (Maven Surefire runs tests that way). */
    private static void addWithManifestClassPath(Path entry, Set<Path> paths) throws IOException {
        if (!Files.exists(entry) || !paths.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        paths.addAll(ManifestClassPath.of(entry));
    }

    /** The system's locations bound read-only into every sandbox, in the order they are bound. */
    private static List<Path> systemPaths(SandboxConfig config) throws IOException {
        List<Path> paths = new ArrayList<>();
        SYSTEM.forEach(system -> paths.add(Path.of(system)));
        SYSTEM_FILES.forEach(file -> paths.add(Path.of(file)));
        paths.addAll(debianJavaConfig());
        if (config.network()) {
            paths.add(Path.of("/etc/resolv.conf"));
        }
        return paths;
    }

    /** Debian keeps part of the JDK's configuration in /etc/java-N-openjdk, linked from the JDK. */
    private static List<Path> debianJavaConfig() throws IOException {
        Path etc = Path.of("/etc");
        if (!Files.isDirectory(etc)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(etc)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("java-"))
                    .toList();
        }
    }
}
