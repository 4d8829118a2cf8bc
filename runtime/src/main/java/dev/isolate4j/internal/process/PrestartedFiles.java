package dev.isolate4j.internal.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories through which sandboxed prestarted children read their extension's files: one
 * per child, named for the host's pid, under {@code <envRootPath>/.prestarted}, on the file system
 * of the environments, where hard links to the local repository's jars can be made.
 */
final class PrestartedFiles {
    private static final Logger log = LoggerFactory.getLogger(PrestartedFiles.class);
    private static final Pattern NAME = Pattern.compile("(\\d+)-[0-9a-f]+");

    private PrestartedFiles() {}

    /** Creates a new, empty directory under {@code root}. */
    static Path create(Path root) throws IOException {
        Files.createDirectories(root);
        Path directory = root.toAbsolutePath()
                .normalize()
                .resolve(ProcessHandle.current().pid() + "-"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        return Files.createDirectory(directory);
    }

    /**
     * Hard-links {@code file} into a subdirectory of {@code directory} named {@code index}, under
     * its own file name: two jars of one name stay apart, and code that reads its jar's name (a
     * version in it) reads what it would outside.
     *
     * @throws IOException when {@code file} is not a regular file, or cannot be hard-linked there
     */
    static Path link(Path directory, int index, Path file) throws IOException {
        Path real = file.toRealPath();
        if (!Files.isRegularFile(real)) {
            throw new IOException(file + " is not a regular file; a prestarted child reads jars only");
        }
        Path link = Files.createDirectories(directory.resolve(Integer.toString(index)))
                .resolve(real.getFileName());
        Files.createLink(link, real);
        return link;
    }

    /** Removes {@code directory}, its subdirectories and their links; {@code null} is nothing. Never throws. */
    static void remove(Path directory) {
        if (directory == null) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    remove(entry);
                } else {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            log.debug("cannot remove {}", directory, e);
        }
    }

    /** Removes the directories of hosts that no longer run: a host killed by SIGKILL leaves its own. */
    static void removeStale(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root)) {
            for (Path directory : directories) {
                Matcher name = NAME.matcher(directory.getFileName().toString());
                if (name.matches()
                        && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    remove(directory);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot list {}", root, e);
        }
    }
}
