package dev.isolate4j.internal.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The entries a jar's manifest adds to the class path, remembered per jar while its size and time
 * stay the same: every sandboxed start needs them, and opening the 45 jars of a typical host class
 * path each time cost a start tens of milliseconds.
 */
final class ManifestClassPath {
    private record Entry(long size, long modified, List<Path> referenced) {}

    private static final Map<Path, Entry> CACHE = new ConcurrentHashMap<>();

    private ManifestClassPath() {}

    /** {@return the existing paths the manifest of {@code jar} names; empty for a jar it cannot read} */
    static List<Path> of(Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        Entry cached = CACHE.get(jar);
        if (cached != null && cached.size() == attributes.size() && cached.modified() == modified) {
            return cached.referenced();
        }
        List<Path> referenced = read(jar);
        CACHE.put(jar, new Entry(attributes.size(), modified, referenced));
        return referenced;
    }

    private static List<Path> read(Path jar) {
        List<Path> referenced = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of();
            }
            for (String item : classPath.trim().split("\\s+")) {
                Path path = item.startsWith("file:") ? Path.of(URI.create(item)) : jar.resolveSibling(item);
                if (Files.exists(path)) {
                    referenced.add(path.toAbsolutePath().normalize());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // not a jar we can read: its bind alone is what we can give
        }
        return List.copyOf(referenced);
    }
}
