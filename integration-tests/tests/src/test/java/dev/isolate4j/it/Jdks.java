package dev.isolate4j.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDKs installed here: this JVM's own, and those under {@code /usr/lib/jvm}, where these
 * machines keep them (Temurin 25 among them, where it is installed).
 */
final class Jdks {
    private static final Path INSTALLED = Path.of("/usr/lib/jvm");

    private Jdks() {}

    /** A JDK of this feature version, this JVM's own first; empty when none is installed. */
    static Optional<Path> find(int feature) {
        return homes().stream().filter(home -> feature(home) == feature).findFirst();
    }

    /**
     * A JDK of this feature version; when there is none, the test is skipped with a reason that is
     * printed too, so that a run without it says what it did not check.
     */
    static Path require(int feature, String what) {
        Optional<Path> home = find(feature);
        if (home.isEmpty()) {
            String reason = "no JDK " + feature + " here or under " + INSTALLED + ": " + what + " is not checked";
            System.out.println("[skipped] " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        return home.orElseThrow();
    }

    /** The feature version in {@code home}'s release file; 0 when it cannot be read. */
    static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+_-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not a JDK this helper can tell
        }
        return home.equals(thisJvm()) ? Runtime.version().feature() : 0;
    }

    private static List<Path> homes() {
        List<Path> homes = new ArrayList<>(List.of(thisJvm()));
        if (!Files.isDirectory(INSTALLED)) {
            return homes;
        }
        try (Stream<Path> entries = Files.list(INSTALLED)) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isExecutable(entry.resolve("bin").resolve("java"))) {
                    Path real = entry.toRealPath();
                    if (!homes.contains(real)) {
                        homes.add(real);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return homes;
    }

    private static Path thisJvm() {
        try {
            return Path.of(System.getProperty("java.home")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
