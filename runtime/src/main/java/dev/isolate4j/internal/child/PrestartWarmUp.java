package dev.isolate4j.internal.child;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What a prestarted child does while it waits for its extension: it loads the runtime's classes
 * that a start and a first call use, so that the load that takes it pays for none of them.
 *
 * <p>Classes are loaded, not initialized: no static initializer of the runtime runs before the
 * child knows its extension, so nothing here can start a thread or open a file. Nothing here fails
 * the child: a class that cannot be loaded now is loaded when it is used, as without a warm-up.
 */
final class PrestartWarmUp {
    /** The packages a start and a call go through; the others (cgroups, plugins) wait for their use. */
    private static final List<String> PACKAGES = List.of(
            "dev/isolate4j/",
            "dev/isolate4j/internal/child/",
            "dev/isolate4j/internal/rpc/",
            "dev/isolate4j/internal/framing/",
            "dev/isolate4j/internal/protocol/",
            "dev/isolate4j/internal/serialization/",
            "dev/isolate4j/internal/transport/",
            "dev/isolate4j/spi/");

    private PrestartWarmUp() {}

    static void run() {
        ClassLoader loader = PrestartWarmUp.class.getClassLoader();
        for (String name : classNames()) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // loaded when used, if ever
            }
        }
    }

    /** The binary names of the classes of {@link #PACKAGES} where this class was loaded from. */
    private static List<String> classNames() {
        List<String> names = new ArrayList<>();
        try {
            CodeSource source = PrestartWarmUp.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return names;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(file -> location.relativize(file).toString().replace('\\', '/'))
                            .filter(PrestartWarmUp::wanted)
                            .forEach(entry -> names.add(binaryName(entry)));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (wanted(entry)) {
                            names.add(binaryName(entry));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no warm-up: the classes load when used
        }
        return names;
    }

    private static boolean wanted(String entry) {
        if (!entry.endsWith(".class") || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
            return false;
        }
        int slash = entry.lastIndexOf('/');
        return PACKAGES.contains(entry.substring(0, slash + 1));
    }

    private static String binaryName(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
