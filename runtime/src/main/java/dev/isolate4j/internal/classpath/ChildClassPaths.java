package dev.isolate4j.internal.classpath;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.annotations.Callee;
import java.io.File;
import java.lang.module.ResolvedModule;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.fory.Fory;
import org.slf4j.LoggerFactory;

/**
 * The class paths child JVMs start with, as plain files and directories, whatever the host's
 * packaging: a class path (relative entries made absolute: the child starts elsewhere), a shaded
 * jar, a Spring Boot executable jar (its nested jars written out, see {@link NestedJars}), a module
 * path. Each is computed once per manager, at its first use.
 *
 * <pre>{@code
 * ChildClassPaths paths = new ChildClassPaths(envRoot.resolve(".host-jars"));
 * String forIsolatedChild = paths.runtime();
 * String forSharingChild = paths.host(Greeter.class);
 * }</pre>
 */
public final class ChildClassPaths {
    /**
     * One class of each artifact an isolated child's runtime needs: the runtime, its annotations,
     * Fory (which carries its own compiler), SLF4J's API. Class literals, not names, so that a
     * shaded host that relocates them still finds them. The resolver and anything else of the
     * host's stay out.
     */
    private static final Class<?>[] RUNTIME = {ExtensionManager.class, Callee.class, Fory.class, LoggerFactory.class};

    private final NestedJars nestedJars;
    private final ClassPathLocations locations;
    private volatile String runtime;
    private volatile String host;

    /**
     * Class paths whose nested jars are written under {@code nestedJarCache}.
     *
     * @param nestedJarCache where jars nested in the host's jar are written out, once per content
     */
    public ChildClassPaths(Path nestedJarCache) {
        this.nestedJars = new NestedJars(nestedJarCache);
        this.locations = new ClassPathLocations(nestedJars);
    }

    /**
     * Removes the nested jars written out for a host that no host has used for {@code unused}.
     *
     * @param unused how long they may go unused
     * @return how many were removed
     */
    public int removeUnused(Duration unused) {
        return nestedJars.removeUnused(unused);
    }

    /**
     * {@return an isolated child's class path: the runtime and what it needs, nothing else}
     *
     * @throws IllegalStateException when a runtime class was loaded from a location no child can use
     */
    public String runtime() {
        String current = runtime;
        if (current == null) {
            Set<Path> entries = new LinkedHashSet<>();
            for (Class<?> type : RUNTIME) {
                entries.add(locationOf(type));
            }
            current = join(entries);
            runtime = current;
        }
        return current;
    }

    /**
     * The class path of a child that shares the host's: the JVM's class path, the module path's
     * modules, and the locations of the class loaders between the system's and {@code
     * extensionType}'s (where a Spring Boot jar or an application server keeps the application),
     * then the runtime's own.
     *
     * @param extensionType the manager's extension interface, loaded where the application's
     *     classes are
     * @return the class path
     * @throws IllegalStateException when an entry is neither a file, a directory nor a nested jar
     */
    public String host(Class<?> extensionType) {
        String current = host;
        if (current == null) {
            Set<Path> entries = new LinkedHashSet<>();
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    ClassPathLocations.plain(Path.of(entry), entry).ifPresent(entries::add);
                }
            }
            // A module-path host's modules, sorted: the boot layer's set has no order, and the class
            // path is part of a class-data archive's key.
            ModuleLayer.boot().configuration().modules().stream()
                    .map(ResolvedModule::reference)
                    .flatMap(reference -> reference.location().stream())
                    .filter(uri -> "file".equals(uri.getScheme()))
                    .sorted()
                    .forEach(uri -> ClassPathLocations.plain(Path.of(uri), uri).ifPresent(entries::add));
            for (URL url : applicationLoaderUrls(extensionType.getClassLoader())) {
                locations.toPath(url).ifPresent(entries::add);
            }
            for (String runtimeEntry : runtime().split(File.pathSeparator)) {
                entries.add(Path.of(runtimeEntry));
            }
            current = join(entries);
            host = current;
        }
        return current;
    }

    /** The URLs of the URL class loaders from the system's down to {@code loader}, parents first. */
    private static Iterable<URL> applicationLoaderUrls(ClassLoader loader) {
        Deque<URL> urls = new ArrayDeque<>();
        ClassLoader system = ClassLoader.getSystemClassLoader();
        for (ClassLoader current = loader; current != null && current != system; current = current.getParent()) {
            if (current instanceof URLClassLoader urlLoader) {
                URL[] own = urlLoader.getURLs();
                for (int i = own.length - 1; i >= 0; i--) {
                    urls.addFirst(own[i]);
                }
            }
        }
        return urls;
    }

    private Path locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("isolate4j cannot tell where " + type.getName() + " was loaded from, so"
                    + " it cannot give an isolated child JVM the runtime; load the runtime from a jar or directory");
        }
        return locations
                .toPath(source.getLocation())
                .orElseThrow(() -> new IllegalStateException(
                        type.getName() + " was loaded from " + source.getLocation() + ", which no longer exists"));
    }

    private static String join(Set<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
