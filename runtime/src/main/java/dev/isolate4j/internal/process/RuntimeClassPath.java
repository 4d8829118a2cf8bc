package dev.isolate4j.internal.process;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.annotations.Callee;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class path an isolated child starts with: the runtime and exactly what it needs in the
 * child (annotations, Fory, SLF4J's API), found where the host loaded them. The
 * resolver ({@code isolate4j-resolver}) and anything else of the host's stays out.
 */
public final class RuntimeClassPath {
    /**
     * One class from each artifact the child's runtime needs. Not Janino, which fory-core's POM
     * lists but fory-core 1.6.0 carries relocated inside itself; nor isolate4j-resolver, which only
     * the host uses.
     */
    private static final String[] MARKERS = {
        "org.apache.fory.Fory", "org.slf4j.LoggerFactory",
    };

    private static volatile String cached;

    private RuntimeClassPath() {}

    /** {@return the child's runtime class path, computed once} */
    public static String forChild() {
        String current = cached;
        if (current == null) {
            current = compute();
            cached = current;
        }
        return current;
    }

    private static String compute() {
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(location(ExtensionManager.class));
        entries.add(location(Callee.class));
        ClassLoader loader = RuntimeClassPath.class.getClassLoader();
        for (String marker : MARKERS) {
            try {
                entries.add(location(Class.forName(marker, false, loader)));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(
                        "the runtime's dependency " + marker + " is missing from the host's"
                                + " class path; depend on dev.isolate4j:isolate4j-runtime with its transitive dependencies",
                        e);
            }
        }
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(
                    "unexpected location of " + type.getName() + ": " + source.getLocation(), e);
        }
    }
}
