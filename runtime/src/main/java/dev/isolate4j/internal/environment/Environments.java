package dev.isolate4j.internal.environment;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ResolutionListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares isolated extensions' environments: each has a directory under {@code envRootPath} that
 * records its resolved class path with a fingerprint of the inputs. A second preparation with the
 * same inputs reads the record and resolves nothing; preparations of one environment by several
 * threads or processes take turns under a lock, and the record is replaced atomically.
 */
public final class Environments {
    private static final Logger log = LoggerFactory.getLogger(Environments.class);
    private static final String CLASS_PATH_FILE = "classpath.txt";
    private static final String FINGERPRINT_FILE = "fingerprint.txt";

    /** What an environment is made of. */
    public record Spec(String name, List<String> dependencies, List<String> repositories, Path javaHome) {}

    /**
     * A prepared environment.
     *
     * @param resolved whether this preparation ran the resolver (false: the record was reused)
     */
    public record Prepared(Path directory, List<Path> classPath, boolean resolved) {}

    private Environments() {}

    /**
     * Prepares the environment of {@code spec} under {@code root}: reuses the recorded class path
     * when its fingerprint matches, resolves the dependencies otherwise.
     *
     * @param root the manager's {@code envRootPath}
     * @param spec what the environment is made of
     * @param localRepository the Maven local repository, or {@code null} for the one {@code settings.xml} names
     * @param listener receives download progress, or {@code null}
     * @return the prepared environment
     */
    public static Prepared prepare(Path root, Spec spec, Path localRepository, ResolutionListener listener) {
        Path directory = EnvironmentDirectory.of(root, spec.name());
        String fingerprint = Fingerprint.of(
                spec.dependencies(), spec.repositories(), runtimeVersion(), javaVersion(spec.javaHome()));
        try {
            Files.createDirectories(directory);
            EnvironmentLock lock = EnvironmentLock.acquire(directory);
            try {
                Optional<List<Path>> recorded = recorded(directory, fingerprint);
                if (recorded.isPresent()) {
                    return new Prepared(directory, recorded.get(), false);
                }
                List<Path> classPath = resolve(spec, localRepository, listener);
                record(directory, fingerprint, classPath);
                return new Prepared(directory, classPath, true);
            } finally {
                lock.close();
            }
        } catch (IOException e) {
            throw new ExtensionLoadException(
                    "cannot prepare the environment of extension '" + spec.name() + "' in " + directory + ": " + e, e);
        }
    }

    private static List<Path> resolve(Spec spec, Path localRepository, ResolutionListener listener) {
        List<Coordinate> coordinates =
                spec.dependencies().stream().map(Coordinate::parse).toList();
        long start = System.nanoTime();
        try {
            List<Path> classPath = DependencyResolver.resolve(
                    spec.name(), coordinates, spec.repositories(), localRepository, listener);
            log.info(
                    "extension '{}': resolved {} dependencies into {} artifacts in {} ms",
                    spec.name(),
                    coordinates.size(),
                    classPath.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return classPath;
        } catch (Exception e) {
            throw new ExtensionLoadException(
                    "cannot resolve the dependencies " + spec.dependencies() + " of extension '" + spec.name() + "': "
                            + e.getMessage(),
                    e);
        }
    }

    /** The recorded class path, when its fingerprint matches and every file is still there. */
    private static Optional<List<Path>> recorded(Path directory, String fingerprint) throws IOException {
        Path fingerprintFile = directory.resolve(FINGERPRINT_FILE);
        Path classPathFile = directory.resolve(CLASS_PATH_FILE);
        if (!Files.isRegularFile(fingerprintFile) || !Files.isRegularFile(classPathFile)) {
            return Optional.empty();
        }
        if (!Files.readString(fingerprintFile, StandardCharsets.UTF_8).trim().equals(fingerprint)) {
            return Optional.empty();
        }
        List<Path> classPath = Files.readAllLines(classPathFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(Path::of)
                .toList();
        return classPath.stream().allMatch(Files::isRegularFile) ? Optional.of(classPath) : Optional.empty();
    }

    /** Writes the class path, then the fingerprint, each atomically: a reader never sees half a record. */
    private static void record(Path directory, String fingerprint, List<Path> classPath) throws IOException {
        Files.deleteIfExists(directory.resolve(FINGERPRINT_FILE));
        StringBuilder lines = new StringBuilder();
        classPath.forEach(path -> lines.append(path.toAbsolutePath()).append('\n'));
        writeAtomically(directory.resolve(CLASS_PATH_FILE), lines.toString());
        writeAtomically(directory.resolve(FINGERPRINT_FILE), fingerprint + "\n");
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The class path file of a prepared environment, which the child reads.
     *
     * @param directory the environment's directory
     * @return the file
     */
    public static Path classPathFile(Path directory) {
        return directory.resolve(CLASS_PATH_FILE);
    }

    private static String runtimeVersion() {
        String version = Environments.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }

    /** The {@code JAVA_VERSION} of the JDK's {@code release} file, or its path when there is none. */
    private static String javaVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            Properties properties = new Properties();
            try (var in = Files.newInputStream(release)) {
                properties.load(in);
                String version = properties.getProperty("JAVA_VERSION");
                if (version != null) {
                    return version.replace("\"", "");
                }
            } catch (IOException e) {
                log.debug("cannot read {}", release, e);
            }
        }
        return javaHome.toAbsolutePath().toString();
    }
}
