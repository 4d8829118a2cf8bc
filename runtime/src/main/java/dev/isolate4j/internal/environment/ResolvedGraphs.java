package dev.isolate4j.internal.environment;

import dev.isolate4j.internal.Sha256;
import dev.isolate4j.resolver.ResolutionFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolved files of each set of inputs (coordinates, repositories, the module's POM, runtime and
 * Java versions, local repository), shared by every environment of an {@code envRootPath}: a second
 * extension with the same inputs resolves nothing, and extensions loaded at once with the same
 * inputs resolve them once.
 *
 * <p>Why: a resolution costs 40–100 ms once Maven Resolver's classes are loaded, and several times
 * that while many threads resolve at once; an environment's own record serves only its extension.
 *
 * <p>Kept in {@code <envRootPath>/.resolved}, one file per set, and in memory. A set's files are
 * checked before use: one that is gone makes the set resolve again. The record is written
 * atomically, so that another process reads a whole one or none.
 *
 * <pre>{@code
 * List<Path> files = ResolvedGraphs.of(root).resolve(key, () -> DependencyResolver.resolve(...));
 * }</pre>
 */
final class ResolvedGraphs {
    private static final Logger log = LoggerFactory.getLogger(ResolvedGraphs.class);
    private static final ConcurrentMap<Path, ResolvedGraphs> BY_ROOT = new ConcurrentHashMap<>();

    /** Resolves a set of inputs. */
    interface Resolution {
        List<Path> run() throws IOException, ResolutionFailedException;
    }

    private final Path directory;
    /** A set's resolution, under way or done; a failed one is removed, so that the next load tries again. */
    private final ConcurrentMap<String, CompletableFuture<List<Path>>> resolutions = new ConcurrentHashMap<>();

    private ResolvedGraphs(Path directory) {
        this.directory = directory;
    }

    /** {@return the sets of {@code envRootPath}} */
    static ResolvedGraphs of(Path root) {
        return BY_ROOT.computeIfAbsent(
                root.toAbsolutePath().normalize(), r -> new ResolvedGraphs(r.resolve(".resolved")));
    }

    /**
     * The files of the set {@code key}: recorded, resolved by another thread meanwhile, or resolved
     * by {@code resolution} here.
     *
     * @param key what the set's resolution depends on, in full
     * @param resolution resolves the set
     * @return the files, in class path order
     */
    List<Path> resolve(String key, Resolution resolution) throws IOException, ResolutionFailedException {
        String name = Sha256.hex(key, 32);
        CompletableFuture<List<Path>> mine = new CompletableFuture<>();
        CompletableFuture<List<Path>> existing = resolutions.putIfAbsent(name, mine);
        if (existing != null) {
            Optional<List<Path>> shared = awaitOther(existing);
            if (shared.isPresent() && allPresent(shared.get())) {
                return shared.get();
            }
            resolutions.remove(name, existing);
            return resolve(key, resolution);
        }
        try {
            List<Path> files = recorded(name).orElse(null);
            if (files == null) {
                files = resolution.run();
                record(name, files);
            }
            mine.complete(files);
            return files;
        } catch (IOException | ResolutionFailedException | RuntimeException e) {
            resolutions.remove(name, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Another thread's resolution of the same set; empty when it failed (this thread then tries itself). */
    private static Optional<List<Path>> awaitOther(CompletableFuture<List<Path>> other) {
        try {
            return Optional.of(other.join());
        } catch (CompletionException e) {
            return Optional.empty();
        }
    }

    private Optional<List<Path>> recorded(String name) {
        Path file = directory.resolve(name + ".txt");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<Path> files = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(Path::of)
                    .toList();
            return allPresent(files) ? Optional.of(files) : Optional.empty();
        } catch (IOException e) {
            log.debug("cannot read {}", file, e);
            return Optional.empty();
        }
    }

    private void record(String name, List<Path> files) {
        StringBuilder lines = new StringBuilder();
        files.forEach(file -> lines.append(file.toAbsolutePath()).append('\n'));
        Path file = directory.resolve(name + ".txt");
        Path temporary =
                directory.resolve(name + "." + ThreadLocalRandom.current().nextLong() + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.writeString(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only the next extension with these inputs pays: it resolves again.
            log.debug("cannot record {}", file, e);
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    private static boolean allPresent(List<Path> files) {
        return files.stream().allMatch(Files::isRegularFile);
    }
}
