package dev.isolate4j.internal.plugin;

import dev.isolate4j.internal.environment.Coordinate;
import dev.isolate4j.internal.jdk.JvmSizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * A plugin's descriptor, {@code META-INF/isolate4j/extension.properties} in its jar, read strictly:
 * an unknown key, a malformed value or a missing name refuses the plugin with a message naming the
 * jar, the entry and the key. What it asks for is checked against the host's policy apart, by
 * {@link PluginAdmission}.
 *
 * @param name the extension's name (key {@code name}, required)
 * @param isolated key {@code isolated}, {@code true} (default) or {@code false}
 * @param apis key {@code apis}: fully qualified names of {@code @ProxiedSingleton} interfaces
 * @param dependencies key {@code dependencies}: Maven coordinates
 * @param network key {@code network}, {@code true} or {@code false} (default)
 * @param writablePaths key {@code writablePaths}: absolute paths
 * @param maxHeap key {@code maxHeap} in the JVM's syntax, or {@code null} when absent
 */
public record PluginDescriptor(
        String name,
        boolean isolated,
        List<String> apis,
        List<String> dependencies,
        boolean network,
        List<Path> writablePaths,
        String maxHeap) {

    /** The descriptor's entry in a plugin's jar. */
    public static final String ENTRY = "META-INF/isolate4j/extension.properties";

    /** Every key a descriptor may hold. */
    public static final Set<String> KEYS =
            Set.of("name", "isolated", "apis", "dependencies", "network", "writablePaths", "maxHeap");

    private static final Pattern JAVA_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

    /** Copies the lists. */
    public PluginDescriptor {
        apis = List.copyOf(apis);
        dependencies = List.copyOf(dependencies);
        writablePaths = List.copyOf(writablePaths);
    }

    /**
     * Reads the descriptor of {@code jar}.
     *
     * @param jar a plugin's jar
     * @return the descriptor
     * @throws PluginRefusal when the jar cannot be read, holds no descriptor, or its descriptor is broken
     */
    public static PluginDescriptor read(Path jar) throws PluginRefusal {
        Properties properties = new Properties();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry(ENTRY);
            if (entry == null) {
                throw new PluginRefusal("plugin jar " + jar + " holds no " + ENTRY
                        + "; a plugin describes itself there (name=..., see the README's plugin directories)");
            }
            try (InputStream in = file.getInputStream(entry)) {
                properties.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginRefusal("plugin jar " + jar + " cannot be read as a jar with " + ENTRY + ": " + e, e);
        }
        return parse(properties, "plugin jar " + jar + ": " + ENTRY);
    }

    /**
     * Parses a descriptor's properties.
     *
     * @param properties the descriptor's keys and values
     * @param where the jar and entry, as messages name them
     * @return the descriptor
     * @throws PluginRefusal naming {@code where}, the key, the value and what would be accepted
     */
    public static PluginDescriptor parse(Properties properties, String where) throws PluginRefusal {
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new PluginRefusal(where + " holds unknown keys " + unknown + "; the keys are " + new TreeSet<>(KEYS));
        }
        String name = properties.getProperty("name", "").trim();
        if (name.isEmpty()) {
            throw new PluginRefusal(where + " gives no name; add name=<the extension's unique name>");
        }
        List<String> apis = list(properties, "apis");
        for (String api : apis) {
            if (!JAVA_NAME.matcher(api).matches()) {
                throw new PluginRefusal(where + ": apis entry '" + api
                        + "' is not a fully qualified interface name such as com.acme.api.VisitLog");
            }
        }
        List<String> dependencies = list(properties, "dependencies");
        for (String dependency : dependencies) {
            try {
                Coordinate.parse(dependency);
            } catch (IllegalArgumentException e) {
                throw new PluginRefusal(where + ": dependencies: " + e.getMessage(), e);
            }
        }
        String maxHeap = properties.getProperty("maxHeap");
        if (maxHeap != null) {
            maxHeap = maxHeap.trim();
            try {
                JvmSizes.parse(maxHeap);
            } catch (IllegalArgumentException e) {
                throw new PluginRefusal(where + ": maxHeap " + e.getMessage(), e);
            }
        }
        boolean isolated = bool(properties, "isolated", true, where);
        if (!isolated && !dependencies.isEmpty()) {
            throw new PluginRefusal(where + " says isolated=false but lists dependencies " + dependencies
                    + ": a plugin that is not isolated runs on the host's class path; remove one of them");
        }
        return new PluginDescriptor(
                name,
                isolated,
                apis,
                dependencies,
                bool(properties, "network", false, where),
                paths(properties, where),
                maxHeap);
    }

    private static List<String> list(Properties properties, String key) {
        String value = properties.getProperty(key, "");
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static boolean bool(Properties properties, String key, boolean absent, String where) throws PluginRefusal {
        String value = properties.getProperty(key);
        if (value == null) {
            return absent;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new PluginRefusal(where + ": " + key + "='" + value + "' is not a boolean; give true or false");
        };
    }

    private static List<Path> paths(Properties properties, String where) throws PluginRefusal {
        List<Path> paths = new ArrayList<>();
        for (String text : list(properties, "writablePaths")) {
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new PluginRefusal(where + ": writablePaths entry '" + text + "' is not a path", e);
            }
            if (!path.isAbsolute() || !path.normalize().equals(path)) {
                throw new PluginRefusal(where + ": writablePaths entry '" + text
                        + "' is not an absolute path without '.' or '..'; give one such as /var/cache/ocr");
            }
            paths.add(path);
        }
        return paths;
    }
}
