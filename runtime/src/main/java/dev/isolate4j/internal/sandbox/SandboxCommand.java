package dev.isolate4j.internal.sandbox;

import dev.isolate4j.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The bubblewrap command line that wraps a child JVM: deny by default, then bind read-only exactly
 * what the child needs, and read-write only its socket directory and the configured paths.
 *
 * <p>The pid namespace is shared on purpose: the host addresses the child, and shared buffers are
 * owned, by the pid both sides see.
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
     * @param classPath the child JVM's class path entries (jar files or directories)
     * @param readable further files and directories the child reads: the JDK, the module, an isolated
     *     extension's resolved class path and its record
     * @param socketDirectory the private directory of the child's socket
     * @param sharedMemory whether the child maps shared buffers in {@code /dev/shm}
     */
    public record Needs(List<Path> classPath, List<Path> readable, Path socketDirectory, boolean sharedMemory) {}

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
        List<String> args = new ArrayList<>(List.of(Bubblewrap.executable(), "--die-with-parent", "--new-session"));
        args.addAll(List.of("--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
        if (!config.network()) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (String system : SYSTEM) {
            args.addAll(List.of("--ro-bind-try", system, system));
        }
        for (String file : SYSTEM_FILES) {
            args.addAll(List.of("--ro-bind-try", file, file));
        }
        for (Path javaConfig : debianJavaConfig()) {
            args.addAll(List.of("--ro-bind-try", javaConfig.toString(), javaConfig.toString()));
        }
        if (config.network()) {
            args.addAll(List.of("--ro-bind-try", "/etc/resolv.conf", "/etc/resolv.conf"));
        }
        // Binds after the /tmp tmpfs, so that class path entries and the socket under /tmp show through.
        for (Path path : readOnly(needs)) {
            args.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        }
        for (Path path : config.readOnlyPaths()) {
            args.addAll(List.of("--ro-bind-try", path.toString(), path.toString()));
        }
        args.addAll(List.of(
                "--bind",
                needs.socketDirectory().toString(),
                needs.socketDirectory().toString()));
        if (needs.sharedMemory()) {
            args.addAll(List.of("--bind", "/dev/shm", "/dev/shm"));
        }
        for (Path path : config.writablePaths()) {
            args.addAll(List.of("--bind", path.toString(), path.toString()));
        }
        args.addAll(List.of("--chdir", "/tmp", "--"));
        return args;
    }

    private static Set<Path> readOnly(Needs needs) throws IOException {
        Set<Path> paths = new LinkedHashSet<>();
        for (Path entry : needs.classPath()) {
            addWithManifestClassPath(entry.toAbsolutePath().normalize(), paths);
        }
        for (Path path : needs.readable()) {
            if (Files.exists(path)) {
                paths.add(path.toAbsolutePath().normalize());
            }
        }
        return paths;
    }

    /** A jar's manifest may name more of the class path (Maven Surefire runs tests that way). */
    private static void addWithManifestClassPath(Path entry, Set<Path> paths) throws IOException {
        if (!Files.exists(entry) || !paths.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        paths.addAll(ManifestClassPath.of(entry));
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
