package dev.isolate4j.internal.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A file system root in a temporary directory with the /proc files and cgroup directories a test gives. */
final class FakeTree {
    final Path root;

    FakeTree(Path root) {
        this.root = root;
    }

    FakeTree proc(String mountinfo, String cgroup) throws IOException {
        file("proc/self/mountinfo", mountinfo);
        file("proc/self/cgroup", cgroup);
        return this;
    }

    Path directory(String path) throws IOException {
        return Files.createDirectories(root.resolve(path));
    }

    Path file(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    HostCgroups detect() {
        return HostCgroups.detect(root);
    }

    /** A stand-in for the kernel, which makes a new group's files: empty files of these names. */
    static Consumer<Path> kernel(String... files) {
        return group -> {
            try {
                for (String file : files) {
                    Files.writeString(group.resolve(file), "");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Deletes what {@link #kernel} made, as the kernel does when a group is removed. */
    static void unmake(Path group) throws IOException {
        try (var files = Files.list(group)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
