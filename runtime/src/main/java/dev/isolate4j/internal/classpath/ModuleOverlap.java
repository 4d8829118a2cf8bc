package dev.isolate4j.internal.classpath;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * Whether a non-isolated extension's module jar shares a class with the class path its child starts
 * on. When it shares none, the child looks for a class in the module before it asks its class path
 * (whose loader would otherwise open every jar of the host's class path to miss each of the module's
 * classes), and finds the same classes. The host checks, where those jars are open already, once per
 * jar and modification. A classes directory, which changes without its own size or time changing,
 * is taken to share: its child keeps the class path's order.
 *
 * <pre>{@code
 * ModuleOverlap overlap = new ModuleOverlap();
 * boolean moduleFirst = !overlap.sharesClasses(pluginJar, Greeter.class.getClassLoader());
 * }</pre>
 */
public final class ModuleOverlap {
    private static final String VERSIONS = "META-INF/versions/";

    private record Key(Path jar, long size, FileTime modified) {}

    private final Map<Key, Boolean> checked = new ConcurrentHashMap<>();

    /**
     * @param module the extension's module: a jar or a classes directory
     * @param classPath the loader that sees what the child's class path holds
     * @return whether a class of the module is also found by {@code classPath}; {@code true} when the
     *     module is a directory or cannot be read
     */
    public boolean sharesClasses(Path module, ClassLoader classPath) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(module, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return true;
            }
            Key key = new Key(module.toAbsolutePath().normalize(), attributes.size(), attributes.lastModifiedTime());
            Boolean shares = checked.get(key);
            if (shares == null) {
                shares = anyFound(classEntries(module), classPath);
                checked.put(key, shares);
            }
            return shares;
        } catch (IOException | RuntimeException e) {
            return true; // not known: the child keeps the class path's order
        }
    }

    /** The class files of a jar, by the resource names a loader finds them under. */
    static List<String> classEntries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .map(entry -> resourceName(entry.getName()))
                    .filter(Objects::nonNull)
                    .toList();
        }
    }

    /** A class entry's resource name, a multi-release version's without its prefix; else null. */
    private static String resourceName(String entry) {
        String name = entry;
        if (name.startsWith(VERSIONS)) {
            int slash = name.indexOf('/', VERSIONS.length());
            name = slash < 0 ? "" : name.substring(slash + 1);
        } else if (name.startsWith("META-INF/")) {
            return null;
        }
        return name.endsWith(".class") && !name.endsWith("module-info.class") ? name : null;
    }

    private static boolean anyFound(List<String> classes, ClassLoader classPath) {
        for (String name : classes) {
            if (classPath.getResource(name) != null) {
                return true;
            }
        }
        return false;
    }
}
