package dev.isolate4j.internal.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The jars of a plugin directory, in file-name order: the order plugins load, and which of two with one name wins. */
public final class PluginJars {
    private PluginJars() {}

    /**
     * Lists the {@code *.jar} files directly in {@code directory}.
     *
     * @param directory the plugin directory
     * @return its jars, sorted by file name
     * @throws IllegalArgumentException when {@code directory} is not a readable directory
     */
    public static List<Path> in(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("plugin directory " + directory
                    + " is not a directory; give the directory that holds the plugins' jars");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .map(file -> file.toAbsolutePath().normalize())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("plugin directory " + directory + " cannot be listed: " + e, e);
        }
    }
}
