package dev.isolate4j.internal.jdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM options that a child's JDK needs so that Fory runs on it without a word on stderr, chosen
 * by the JDK's feature version: an option that a JDK does not know stops it before {@code main}
 * ({@code --sun-misc-unsafe-memory-access} exists from JDK 23 only).
 *
 * <ul>
 *   <li>Up to 22: none.
 *   <li>23 and 24: {@code --sun-misc-unsafe-memory-access=allow}. Fory's classes for these JDKs use
 *       {@code sun.misc.Unsafe}'s memory-access methods, which JDK 24 warns about at their first
 *       use (JEP 471, JEP 498); 23 allows them already.
 *   <li>25 and later: {@code --add-opens=java.base/java.lang.invoke=ALL-UNNAMED}, which Fory's notes
 *       for JDK 25 ask for. Fory's classes for 25 use no {@code Unsafe}, but take a trusted lookup
 *       from {@code java.lang.invoke} when they first handle strings, at the creation of every
 *       {@code Fory}; without this opening they read it through {@code Unsafe.staticFieldOffset},
 *       and the JDK prints four lines of warning. The runtime is on a child's class path, hence
 *       {@code ALL-UNNAMED}.
 * </ul>
 *
 * <p>A class-data archive must be dumped with the same module options as the children that map it:
 * on JDK 25 a child whose {@code --add-opens} differ prints "[error][cds] Mismatched values for
 * property jdk.module.addopens" on its stdout and loses the archived module graph.
 */
public final class JdkOptions {
    private static final Logger log = LoggerFactory.getLogger(JdkOptions.class);

    static final String ALLOW_UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    static final String OPEN_LANG_INVOKE = "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED";

    private JdkOptions() {}

    /**
     * The options for a JVM of {@code javaHome} that runs the child runtime; none when its version
     * cannot be told, which never stops it, at worst lets it warn.
     *
     * @param javaHome the JDK's home directory
     * @return the options, to put before the user's own, which may override them
     */
    public static List<String> forJavaHome(Path javaHome) {
        OptionalInt feature = featureVersion(javaHome);
        if (feature.isEmpty()) {
            log.debug("no JAVA_VERSION in {}: the child gets no options for its JDK", javaHome.resolve("release"));
            return List.of();
        }
        return forFeature(feature.getAsInt());
    }

    /** {@return the options for a JDK of {@code feature} version} */
    static List<String> forFeature(int feature) {
        if (feature >= 25) {
            return List.of(OPEN_LANG_INVOKE);
        }
        if (feature >= 23) {
            return List.of(ALLOW_UNSAFE_MEMORY_ACCESS);
        }
        return List.of();
    }

    /**
     * The feature version of the JDK in {@code javaHome}, from the {@code JAVA_VERSION} of its
     * {@code release} file (which jlink writes too); this JVM's own when {@code javaHome} is its
     * home and has no such line; empty otherwise.
     */
    static OptionalInt featureVersion(Path javaHome) {
        return version(javaHome).map(v -> OptionalInt.of(v.feature())).orElse(OptionalInt.empty());
    }

    /**
     * The version of the JDK in {@code javaHome}, as {@link #featureVersion} finds it.
     *
     * @param javaHome the JDK's home directory
     * @return the version, or empty when it cannot be told
     */
    public static Optional<Runtime.Version> version(Path javaHome) {
        Optional<Runtime.Version> fromRelease = fromRelease(javaHome.resolve("release"));
        if (fromRelease.isPresent() || !isThisJvm(javaHome)) {
            return fromRelease;
        }
        return Optional.of(Runtime.version());
    }

    /**
     * The version each release file gave when last read, with its modification time then: a load
     * asks for its JDK's version three times (checking the config, its options, its command), and
     * a JDK upgraded in place is read again.
     */
    private static final Map<Path, ReadRelease> RELEASES = new ConcurrentHashMap<>();

    private record ReadRelease(FileTime modified, Optional<Runtime.Version> version) {}

    private static Optional<Runtime.Version> fromRelease(Path release) {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(release);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        ReadRelease read = RELEASES.get(release);
        if (read == null || !read.modified().equals(modified)) {
            read = new ReadRelease(modified, readRelease(release));
            RELEASES.put(release, read);
        }
        return read.version();
    }

    private static Optional<Runtime.Version> readRelease(Path release) {
        List<String> lines;
        try {
            lines = Files.readAllLines(release);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.startsWith("JAVA_VERSION=")) {
                return parse(line.substring("JAVA_VERSION=".length())
                        .replace("\"", "")
                        .trim());
            }
        }
        return Optional.empty();
    }

    /** {@code "25.0.3"} is 25.0.3, {@code "21"} 21, and the old scheme's {@code "1.8.0_392"} 8. */
    static Optional<Runtime.Version> parse(String version) {
        String modern = version.startsWith("1.") ? version.substring(2).replaceFirst("[._].*", "") : version;
        try {
            return Optional.of(Runtime.Version.parse(modern));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code "25.0.3"} is 25, {@code "21"} 21, and the old scheme's {@code "1.8.0_392"} 8. */
    static OptionalInt feature(String version) {
        return parse(version).map(v -> OptionalInt.of(v.feature())).orElse(OptionalInt.empty());
    }

    private static boolean isThisJvm(Path javaHome) {
        try {
            return Files.isSameFile(javaHome, Path.of(System.getProperty("java.home")));
        } catch (IOException e) {
            return false;
        }
    }
}
