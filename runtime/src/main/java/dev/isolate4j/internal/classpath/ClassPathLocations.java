package dev.isolate4j.internal.classpath;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns the location a class loader names (a {@code file:} URL, a jar nested in a Spring Boot jar)
 * into a plain file or directory a child JVM can put on its class path.
 *
 * <p>Only these are accepted; anything else is an error that names the location, never a guess: a
 * location read wrongly once became {@code /}, the whole host file system in the child's sandbox.
 */
final class ClassPathLocations {
    private final NestedJars nestedJars;

    ClassPathLocations(NestedJars nestedJars) {
        this.nestedJars = nestedJars;
    }

    /**
     * The file or directory of {@code location}.
     *
     * @param location where a class loader finds classes
     * @return the plain file or directory; empty when a {@code file:} location does not exist, as a
     *     JVM ignores such class-path entries too
     * @throws IllegalStateException naming the location when it is of another kind, or its nested
     *     jar cannot be written out
     */
    Optional<Path> toPath(URL location) {
        try {
            return switch (location.getProtocol()) {
                case "file" -> plain(Path.of(location.toURI()), location);
                case "jar" -> Optional.of(nested(location));
                default -> throw unsupported(location, "its protocol is " + location.getProtocol());
            };
        } catch (URISyntaxException | IllegalArgumentException | IOException e) {
            throw unsupported(location, e.getMessage());
        }
    }

    /**
     * The plain file or directory of a class-path entry, absolute.
     *
     * @param entry an entry of {@code java.class.path} or the module path, relative to the working
     *     directory or absolute
     * @param named how an error names the entry: as the user gave it
     * @return it, absolute and normalized; empty when it does not exist
     */
    static Optional<Path> plain(Path entry, Object named) {
        Path path = entry.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
            throw new IllegalStateException("isolate4j cannot give a child JVM the class-path entry " + named
                    + ": it is neither a file nor a directory");
        }
        return Optional.of(path);
    }

    /**
     * A {@code jar:} location: {@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/} (Spring Boot 3.2
     * and later), {@code jar:file:/app.jar!/BOOT-INF/lib/x.jar!/} (earlier ones), or {@code
     * jar:file:/x.jar!/}, the plain jar itself.
     */
    private Path nested(URL location) throws IOException, URISyntaxException {
        String spec = location.toString().substring("jar:".length());
        if (spec.endsWith("!/")) {
            spec = spec.substring(0, spec.length() - 2);
        }
        String outer;
        String entry;
        if (spec.startsWith("nested:")) {
            String path = spec.substring("nested:".length());
            int separator = path.indexOf("/!");
            if (separator < 0) {
                throw unsupported(location, "no /! separates the outer jar from the nested entry");
            }
            outer = path.substring(0, separator);
            entry = path.substring(separator + 2);
        } else if (spec.startsWith("file:")) {
            int separator = spec.indexOf("!/");
            outer = spec.substring("file:".length(), separator < 0 ? spec.length() : separator);
            entry = separator < 0 ? "" : spec.substring(separator + 2);
        } else {
            throw unsupported(location, "a jar inside something other than a file");
        }
        Path outerJar = Path.of(new URI("file", null, decode(outer), null));
        if (!Files.isRegularFile(outerJar)) {
            throw unsupported(location, "its outer jar " + outerJar + " is not a file");
        }
        if (entry.isEmpty()) {
            return outerJar;
        }
        return nestedJars.materialize(outerJar, entry);
    }

    /** Percent-escapes decoded, as URLs carry them. */
    private static String decode(String path) throws URISyntaxException {
        return new URI("file://" + path.replace(" ", "%20")).getPath();
    }

    private static IllegalStateException unsupported(URL location, String why) {
        return new IllegalStateException("isolate4j cannot give a child JVM the class-path location " + location + " ("
                + why + "); it takes files, directories and jars nested in a jar (Spring Boot)");
    }
}
