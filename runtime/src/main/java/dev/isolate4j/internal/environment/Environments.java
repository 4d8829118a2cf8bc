package dev.isolate4j.internal.environment;

import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ResolutionListener;
import dev.isolate4j.internal.FileTrees;
import dev.isolate4j.internal.QuietMachine;
import dev.isolate4j.resolver.ArtifactResolver;
import dev.isolate4j.resolver.ResolutionFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** The module's path, which an artifact's record needs: its jar is found by resolution. */
    private static final String MODULE_FILE = "module.txt";

    private static final String FINGERPRINT_FILE = "fingerprint.txt";

    private static final AtomicBoolean RESOLVER_WARMED_UP = new AtomicBoolean();
    /** Whether this JVM has begun a real resolution: the warm-up is then left out. */
    private static final AtomicBoolean RESOLUTION_BEGUN = new AtomicBoolean();
    /** How long the warm-up waits for a quiet machine before it is left out. */
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(30);
    /** Under the env root: the resolver's warm-up makes its scratch repository here. */
    static final String WARM_UP_DIRECTORY = ".resolver-warm-up";

    /**
     * What an environment is made of.
     *
     * @param name the extension's name
     * @param module the extension's jar or classes directory, or {@code null} when {@code artifact}
     *     is given
     * @param artifact the coordinates of the extension's jar, or {@code null} when {@code module} is
     *     given
     * @param dependencies coordinates resolved with it
     * @param repositories URLs searched first
     * @param javaHome the JDK that runs the child
     */
    public record Spec(
            String name,
            Path module,
            String artifact,
            List<String> dependencies,
            List<String> repositories,
            Path javaHome) {}

    /**
     * A prepared environment.
     *
     * @param module the extension's jar or classes directory: the one given, or the artifact's jar
     * @param classPath what the extension's loader sees beside the module
     * @param resolved whether this preparation ran the resolver (false: the record was reused)
     */
    public record Prepared(Path directory, Path module, List<Path> classPath, boolean resolved) {}

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
        try {
            EnvironmentRoots roots = EnvironmentRoots.of(spec);
            String fingerprint = fingerprint(spec, roots);
            Files.createDirectories(directory);
            EnvironmentLock lock = EnvironmentLock.acquire(directory);
            try {
                Optional<Prepared> recorded = recorded(directory, fingerprint, roots);
                if (recorded.isPresent()) {
                    return recorded.get();
                }
                Prepared prepared =
                        prepared(directory, roots, resolve(spec, roots, directory, localRepository, listener));
                record(prepared, fingerprint);
                return prepared;
            } finally {
                lock.close();
            }
        } catch (IOException e) {
            throw new ExtensionLoadException(
                    "cannot prepare the environment of extension '" + spec.name() + "' in " + directory + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new ExtensionLoadException("extension '" + spec.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code spec}'s environment is recorded under {@code root} with its current inputs, so
     * that {@link #prepare} will resolve nothing: a quick look, without the lock, which a
     * preparation under way may make stale.
     *
     * @param root the manager's {@code envRootPath}
     * @param spec what the environment is made of
     * @return whether it is recorded; {@code false} when it cannot be told
     */
    public static boolean isRecorded(Path root, Spec spec) {
        try {
            EnvironmentRoots roots = EnvironmentRoots.of(spec);
            return recorded(EnvironmentDirectory.of(root, spec.name()), fingerprint(spec, roots), roots)
                    .isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Loads and runs Maven Resolver's classes on a background thread, once per JVM, once the machine
     * is quiet, so that a host that loads its first isolated extension later finds them loaded.
     * A host that loads at once has the resolution start before the machine is quiet (its early
     * child starts beside it), and the warm-up is skipped: run beside the real resolution, it ran the
     * same code a second time on the same two processors, with the early child's start and the JIT
     * compilers (the first load's host took 490-590 ms of processor time, 360-390 of it the
     * compilers'), where the real resolution loads the classes itself.
     *
     * <p>Its scratch repository goes under {@code envRoot}, not the system's temporary directory: a
     * host that exits during the warm-up (a short-lived one, on a busy machine) leaves it behind,
     * and the next warm-up on that root removes what hosts that are gone left.
     *
     * @param envRoot the manager's {@code envRootPath}
     */
    public static void warmUpInBackground(Path envRoot) {
        if (RESOLVER_WARMED_UP.compareAndSet(false, true)) {
            Path parent = envRoot.toAbsolutePath().resolve(WARM_UP_DIRECTORY);
            QuietMachine.runWhenQuiet("isolate4j-resolver-warm-up", WARM_UP_WAIT, () -> warmUpUnlessResolving(parent));
        }
    }

    /** The warm-up's work: what gone hosts left removed, then the warm-up unless a resolution began. */
    static void warmUpUnlessResolving(Path parent) {
        removeThoseOfGoneHosts(parent);
        if (!RESOLUTION_BEGUN.get()) {
            ArtifactResolver.warmUp(parent);
        }
    }

    /** Notes that this JVM resolves for real: a warm-up not begun yet is left out. */
    static void resolutionBegins() {
        RESOLUTION_BEGUN.set(true);
    }

    /** Removes the warm-up directories, named {@code <pid>-<random>}, of hosts that no longer run. */
    static void removeThoseOfGoneHosts(Path parent) {
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(parent)) {
            for (Path directory : directories) {
                String name = directory.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash > 0
                        && name.substring(0, dash).chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(name.substring(0, dash)))
                                .isEmpty()) {
                    FileTrees.deleteQuietly(directory);
                }
            }
        } catch (IOException | RuntimeException e) {
            // none yet, or unreadable: nothing to remove
        }
    }

    private static String fingerprint(Spec spec, EnvironmentRoots roots) {
        return Fingerprint.of(
                roots.fingerprint(),
                spec.dependencies(),
                spec.repositories(),
                runtimeVersion(),
                javaVersion(spec.javaHome()));
    }

    /** Splits what was resolved into the module and the class path beside it. */
    private static Prepared prepared(Path directory, EnvironmentRoots roots, List<Path> files) {
        if (!roots.moduleResolved()) {
            return new Prepared(directory, roots.module(), files, true);
        }
        if (files.isEmpty()) {
            throw new ExtensionLoadException("the extension's module was not among the artifacts resolved for it;"
                    + " an artifact of isolate4j itself (group dev.isolate4j) cannot be an extension");
        }
        // The module's coordinates are the first root, and Maven's pre-order puts its file first.
        Path module = roots.module() != null ? roots.module() : files.get(0);
        return new Prepared(directory, module, List.copyOf(files.subList(1, files.size())), true);
    }

    private static List<Path> resolve(
            Spec spec, EnvironmentRoots roots, Path directory, Path localRepository, ResolutionListener listener)
            throws IOException {
        long start = System.nanoTime();
        try {
            Map<String, Path> workspace = roots.workspace(directory);
            AtomicBoolean ran = new AtomicBoolean();
            List<Path> files = ResolvedGraphs.of(directory.getParent())
                    .resolve(graphKey(spec, roots, localRepository, workspace), () -> {
                        ran.set(true);
                        resolutionBegins();
                        return DependencyResolver.resolve(
                                spec.name(),
                                roots.coordinates(),
                                workspace,
                                spec.repositories(),
                                localRepository,
                                listener);
                    });
            if (ran.get()) {
                log.info(
                        "extension '{}': resolved {} into {} artifacts in {} ms",
                        spec.name(),
                        roots.describe(spec),
                        files.size(),
                        (System.nanoTime() - start) / 1_000_000);
            } else {
                log.info(
                        "extension '{}': {} resolved as before into {} artifacts, with the same inputs",
                        spec.name(),
                        roots.describe(spec),
                        files.size());
            }
            return files;
        } catch (ResolutionFailedException e) {
            throw new ExtensionLoadException(
                    "cannot resolve " + roots.describe(spec) + " of extension '" + spec.name() + "': " + e.getMessage()
                            + roots.remedy(),
                    e);
        }
    }

    /**
     * What a resolution's outcome depends on: the environment's fingerprint without its name, the
     * local repository, the settings, and the files that stand in for artifacts (the module, for
     * its own POM).
     */
    private static String graphKey(
            Spec spec, EnvironmentRoots roots, Path localRepository, Map<String, Path> workspace) {
        return String.join(
                "\n",
                fingerprint(spec, roots),
                String.valueOf(localRepository),
                ArtifactResolver.settingsInputs(),
                roots.moduleResolved() && roots.module() != null
                        ? roots.module().toAbsolutePath().toString()
                        : "",
                new TreeMap<>(workspace).keySet().toString());
    }

    /** The recorded environment, when its fingerprint matches and every file is still there. */
    private static Optional<Prepared> recorded(Path directory, String fingerprint, EnvironmentRoots roots)
            throws IOException {
        Path fingerprintFile = directory.resolve(FINGERPRINT_FILE);
        Path classPathFile = directory.resolve(CLASS_PATH_FILE);
        Path moduleFile = directory.resolve(MODULE_FILE);
        boolean moduleRecorded = roots.module() == null;
        if (!Files.isRegularFile(fingerprintFile)
                || !Files.isRegularFile(classPathFile)
                || (moduleRecorded && !Files.isRegularFile(moduleFile))) {
            return Optional.empty();
        }
        if (!Files.readString(fingerprintFile, StandardCharsets.UTF_8).trim().equals(fingerprint)) {
            return Optional.empty();
        }
        List<Path> classPath = paths(classPathFile);
        Path module = moduleRecorded ? paths(moduleFile).stream().findFirst().orElse(null) : roots.module();
        if (module == null || !Files.exists(module) || !classPath.stream().allMatch(Files::isRegularFile)) {
            return Optional.empty();
        }
        return Optional.of(new Prepared(directory, module, classPath, false));
    }

    private static List<Path> paths(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .map(Path::of)
                .toList();
    }

    /**
     * Writes the module (an artifact's jar), the class path, then the fingerprint, each atomically:
     * a reader never sees half a record, nor a record without its fingerprint.
     */
    private static void record(Prepared prepared, String fingerprint) throws IOException {
        Path directory = prepared.directory();
        Files.deleteIfExists(directory.resolve(FINGERPRINT_FILE));
        writeAtomically(directory.resolve(MODULE_FILE), prepared.module().toAbsolutePath() + "\n");
        StringBuilder lines = new StringBuilder();
        prepared.classPath().forEach(path -> lines.append(path.toAbsolutePath()).append('\n'));
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
