package dev.isolate4j.internal.classdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of the archive directory, for the host and for {@link ArchiveDumper} alike (which runs
 * on a child's class path, where no logging may be): {@code <key>.jsa} an archive, {@code
 * <key>.lock} the lock of its recording, {@code <key>.log} its last dump's output, and temporary
 * files named after the process that writes them, {@code <key>.<pid>.lst.tmp} (a class list) and
 * {@code <key>.<pid>.jsa.tmp} (an archive being dumped), so that a later start can tell those of a
 * process that died half way from those being written now.
 */
final class ArchiveFiles {
    static final String ARCHIVE = ".jsa";

    /**
     * Archives kept per directory, the newest: each new runtime jar, JDK or set of JVM options makes
     * another, about 18 MiB, and the old ones would pile up. A process that maps one that is removed
     * keeps its mapping.
     */
    static final int KEPT_ARCHIVES = 4;

    /**
     * What a complete static archive starts with, in the platform's byte order. The JVM writes an
     * archive's header last, once every region is written (its {@code FileMapInfo::open_for_write}
     * seeks past it first), so a dump that died half way leaves zeros there.
     */
    private static final int STATIC_ARCHIVE_MAGIC = 0xf00baba2;

    private static final Pattern TEMPORARY = Pattern.compile("[0-9a-f]+\\.(\\d{1,18})\\.(?:lst|jsa)\\.tmp");

    /**
     * Older releases dumped to {@code <key>.jsa.tmp} from {@code <key>.lst.tmp}, names without a
     * pid; such a dump never took longer than this.
     */
    private static final Duration UNNAMED_TEMPORARY_AGE = Duration.ofMinutes(10);

    private ArchiveFiles() {}

    /** {@code archive}'s sibling {@code <key><suffix>}. */
    static Path sibling(Path archive, String suffix) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling(name.substring(0, name.length() - ARCHIVE.length()) + suffix);
    }

    /** The temporary file of {@code kind} ({@code lst} or {@code jsa}) this process writes for {@code archive}. */
    static Path temporary(Path archive, String kind) {
        return sibling(archive, "." + ProcessHandle.current().pid() + "." + kind + ".tmp");
    }

    /** Whether {@code file} is a plain file that starts as a complete static archive does. */
    static boolean isCompleteArchive(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] header = in.readNBytes(Integer.BYTES);
            return header.length == Integer.BYTES
                    && ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt() == STATIC_ARCHIVE_MAGIC;
        }
    }

    /** Removes the temporary files of {@code directory} whose writer is gone. */
    static void removeLeftovers(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.tmp")) {
            for (Path file : files) {
                if (abandoned(file)) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // left for the next recording
        }
    }

    private static boolean abandoned(Path file) throws IOException {
        Matcher name = TEMPORARY.matcher(file.getFileName().toString());
        if (name.matches()) {
            return !running(Long.parseLong(name.group(1)));
        }
        return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS)
                .toInstant()
                .isBefore(Instant.now().minus(UNNAMED_TEMPORARY_AGE));
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Removes the archives of {@code directory} but the {@code kept} newest. */
    static void removeAllButNewest(Path directory, int kept) throws IOException {
        List<Path> archives;
        try (Stream<Path> files = Files.list(directory)) {
            archives = files.filter(file -> file.getFileName().toString().endsWith(ARCHIVE))
                    .sorted(Comparator.comparing(ArchiveFiles::modified).reversed())
                    .toList();
        }
        for (Path old : archives.subList(Math.min(kept, archives.size()), archives.size())) {
            deleteQuietly(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone already: first in line to go
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a later recording removes what is left
        }
    }
}
