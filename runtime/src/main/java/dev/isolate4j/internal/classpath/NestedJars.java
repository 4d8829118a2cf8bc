package dev.isolate4j.internal.classpath;

import dev.isolate4j.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jars and class directories nested inside another jar (a Spring Boot executable jar's {@code
 * BOOT-INF/lib/*.jar} and {@code BOOT-INF/classes/}), written out as plain files a child JVM can put
 * on its class path.
 *
 * <p>Each lands in {@code <cache>/<SHA-256 of its content>/<its name>}: the same content is written
 * once and reused by every later host, a changed one gets a directory of its own, and a host never
 * sees another's half-written copy, for each copy is written under a temporary name and moved into
 * place in one step. Reading the outer jar costs a host about a millisecond per MiB, once per run.
 */
final class NestedJars {
    private static final Logger log = LoggerFactory.getLogger(NestedJars.class);
    private static final HexFormat HEX = HexFormat.of();

    private final Path cache;

    NestedJars(Path cache) {
        this.cache = cache;
    }

    /**
     * The plain file or directory holding {@code entry} of the jar {@code outer}.
     *
     * @param outer the jar that holds the entry
     * @param entry a nested jar ({@code BOOT-INF/lib/x.jar}) or directory ({@code BOOT-INF/classes/})
     * @return where it was written, or had been written before
     * @throws IOException when the outer jar cannot be read, the entry is not in it, or the cache
     *     cannot be written
     */
    Path materialize(Path outer, String entry) throws IOException {
        Files.createDirectories(cache);
        try (ZipFile zip = new ZipFile(outer.toFile())) {
            ZipEntry file = entry.endsWith("/") ? null : zip.getEntry(entry);
            if (file != null && !file.isDirectory()) {
                return jar(zip, file);
            }
            String prefix = entry.endsWith("/") ? entry : entry + "/";
            if (zip.stream().noneMatch(candidate -> candidate.getName().startsWith(prefix))) {
                throw new IOException("no entry " + entry + " in " + outer);
            }
            return directory(zip, prefix);
        }
    }

    /** A nested jar: hashed first, written only when the cache lacks that content. */
    private Path jar(ZipFile zip, ZipEntry entry) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        Path target = cache.resolve(HEX.formatHex(digest.digest())).resolve(fileName(entry.getName()));
        if (Files.isRegularFile(target)) {
            return used(target);
        }
        Path temporary = Files.createTempFile(cache, ".nested-", ".tmp");
        try {
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            return moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A nested class directory: its files' names and contents hashed, written when the cache lacks them. */
    private Path directory(ZipFile zip, String prefix) throws IOException {
        List<? extends ZipEntry> files = zip.stream()
                .filter(entry -> entry.getName().startsWith(prefix) && !entry.isDirectory())
                .toList();
        MessageDigest digest = Sha256.digest();
        for (ZipEntry entry : files) {
            digest.update(entry.getName().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = zip.getInputStream(entry)) {
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            }
        }
        Path target = cache.resolve(HEX.formatHex(digest.digest())).resolve(fileName(prefix));
        if (Files.isDirectory(target)) {
            return used(target);
        }
        Path temporary = Files.createTempDirectory(cache, ".nested-");
        try {
            for (ZipEntry entry : files) {
                Path file = temporary
                        .resolve(entry.getName().substring(prefix.length()))
                        .normalize();
                if (!file.startsWith(temporary)) {
                    throw new IOException("entry " + entry.getName() + " would be written outside its directory");
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file);
                }
            }
            return moveIntoPlace(temporary, target);
        } finally {
            deleteTree(temporary);
        }
    }

    /**
     * Removes what no host has used for {@code unused}: a jar replaced in the host's packaging would
     * otherwise stay on disk for good. A host marks what it uses at every run ({@link #used}).
     *
     * @param unused how long an entry may go unused
     * @return how many entries were removed
     */
    int removeUnused(Duration unused) {
        Instant before = Instant.now().minus(unused);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cache)) {
            for (Path entry : entries) {
                if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                        .toInstant()
                        .isBefore(before)) {
                    deleteTree(entry);
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            // Nothing made yet under a new envRoot: nothing to remove.
        } catch (IOException e) {
            log.debug("cannot remove unused entries of {}", cache, e);
        }
        return removed;
    }

    /** Marks the entry holding {@code target} used now, and returns {@code target}. */
    private static Path used(Path target) {
        try {
            Files.setLastModifiedTime(target.getParent(), FileTime.from(Instant.now()));
        } catch (IOException e) {
            log.debug("cannot mark {} used", target, e);
        }
        return target;
    }

    private static Path moveIntoPlace(Path temporary, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another host wrote the same content first: its copy is as good
        }
        return target;
    }

    /** The last segment of an entry's name: {@code x.jar} of {@code BOOT-INF/lib/x.jar}. */
    private static String fileName(String entryName) {
        String name = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
