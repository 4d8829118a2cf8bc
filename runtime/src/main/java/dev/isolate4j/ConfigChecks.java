package dev.isolate4j;

import dev.isolate4j.internal.environment.Coordinate;
import dev.isolate4j.internal.jdk.JvmSizes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks of configuration values that need more than a null check, with messages that name the value. */
final class ConfigChecks {
    private static final Set<String> REPOSITORY_SCHEMES = Set.of("https", "http", "file");

    private ConfigChecks() {}

    /**
     * {@code path} made absolute against the working directory and normalized ({@code ..} and
     * {@code .} resolved), the one form every later use sees: the sandbox binds it, the child
     * opens it, and a child starts in another directory.
     */
    static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /** {@link #absolute} of each. */
    static List<Path> absolute(List<Path> paths) {
        return paths.stream().map(ConfigChecks::absolute).toList();
    }

    /** The smallest heap accepted: the child's runtime alone needs about 10 MiB. */
    static final long MIN_HEAP_BYTES = 32L << 20;

    /**
     * The bytes of a size in the JVM's syntax ({@code "512m"}, {@code "2g"}, {@code "65536k"},
     * plain bytes), checked to be at least {@link #MIN_HEAP_BYTES}.
     */
    static long heapSize(String extension, String setting, String value) {
        long bytes;
        try {
            bytes = JvmSizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("extension '" + extension + "': " + setting + " " + e.getMessage(), e);
        }
        if (bytes < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException("extension '" + extension + "': " + setting + " '" + value
                    + "' is below 32m, too small for the child's runtime; give 32m or more");
        }
        return bytes;
    }

    /** Exactly one of {@code modulePath} and {@code artifact}; an artifact is isolated. */
    static void module(String extension, Path modulePath, String artifact, boolean isolated) {
        if (modulePath != null && artifact != null) {
            throw new IllegalArgumentException("extension '" + extension + "' gives both modulePath " + modulePath
                    + " and artifact '" + artifact + "': give one, modulePath for a jar or classes directory on"
                    + " disk, artifact for Maven coordinates group:artifact:version");
        }
        if (modulePath == null && artifact == null) {
            throw new IllegalArgumentException("extension '" + extension + "' has neither a modulePath nor an"
                    + " artifact: give modulePath(jar or classes directory) or artifact(\"group:artifact:version\")");
        }
        if (artifact != null) {
            try {
                Coordinate.parse(artifact);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "extension '" + extension + "': artifact "
                                + e.getMessage().replaceFirst("^dependency ", ""),
                        e);
            }
            if (!isolated) {
                throw new IllegalArgumentException("extension '" + extension + "' is given as artifact '" + artifact
                        + "' but isolated(false): an artifact runs on the class path resolved for it; remove"
                        + " isolated(false), or give its jar as modulePath");
            }
        }
    }

    static void dependencies(String extension, List<String> dependencies) {
        for (String dependency : dependencies) {
            try {
                Coordinate.parse(dependency);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("extension '" + extension + "': " + e.getMessage(), e);
            }
        }
    }

    static void repositories(String extension, List<String> repositories) {
        for (String repository : repositories) {
            URI uri;
            try {
                uri = new URI(repository);
            } catch (URISyntaxException | NullPointerException e) {
                throw badRepository(extension, repository, "it is not a URL");
            }
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || !REPOSITORY_SCHEMES.contains(scheme)) {
                throw badRepository(extension, repository, "its scheme is not one of " + REPOSITORY_SCHEMES);
            }
            if (scheme.equals("file") ? uri.getPath() == null || uri.getPath().isEmpty() : uri.getHost() == null) {
                throw badRepository(
                        extension, repository, scheme.equals("file") ? "it names no directory" : "it names no host");
            }
        }
    }

    private static IllegalArgumentException badRepository(String extension, String repository, String reason) {
        return new IllegalArgumentException("extension '" + extension + "': repository '" + repository
                + "' is not accepted: " + reason + "; give a URL such as https://repo.example.com/maven2/ or"
                + " file:///path/to/repository");
    }
}
