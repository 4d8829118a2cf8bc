package dev.isolate4j.internal.process;

import java.io.File;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The jars and directories of the host's boot module layer. In a host started with {@code
 * --module-path} the application's code and libraries are there, not on {@code java.class.path};
 * a non-isolated child, which runs on a plain class path, gets them as class-path entries (the
 * runtime's module descriptor is ignored there). In a class-path host the boot layer holds only
 * the JDK's modules, and nothing is added.
 */
public final class ModulePathEntries {
    private ModulePathEntries() {}

    /**
     * {@return the file locations of the boot layer's modules, the JDK's own ({@code jrt:}) left
     * out, sorted: the layer's set has no order, and the same host must give its children the same
     * class path, which their class-data archive is keyed by}
     */
    public static List<Path> ofBootLayer() {
        return ModuleLayer.boot().configuration().modules().stream()
                .map(ResolvedModule::reference)
                .map(reference -> reference.location())
                .flatMap(Optional::stream)
                .filter(location -> "file".equals(location.getScheme()))
                .map(URI::normalize)
                .map(Path::of)
                .sorted()
                .toList();
    }

    /**
     * {@return {@code java.class.path} followed by the boot layer's module locations that it does
     * not already name: the class path a non-isolated child shares with its host}
     */
    public static String hostClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        List<Path> modules = ofBootLayer();
        if (modules.isEmpty()) {
            return classPath;
        }
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        modules.forEach(module -> entries.add(module.toString()));
        return String.join(File.pathSeparator, entries);
    }
}
