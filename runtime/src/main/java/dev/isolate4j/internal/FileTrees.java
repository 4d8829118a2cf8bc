package dev.isolate4j.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes files and directories that the runtime made, directories whole. */
public final class FileTrees {
    private static final Logger log = LoggerFactory.getLogger(FileTrees.class);

    private FileTrees() {}

    /**
     * Removes {@code directory}, its subdirectories and files; links are removed, never followed. A
     * file is removed as it is. {@code null} or a missing path is nothing. Never throws: what cannot
     * be removed is left.
     *
     * @param directory the directory or file
     * @return whether nothing of it is left
     */
    public static boolean deleteQuietly(Path directory) {
        if (directory == null || !Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                    for (Path entry : entries) {
                        deleteQuietly(entry);
                    }
                }
            }
            Files.deleteIfExists(directory);
            return true;
        } catch (IOException e) {
            log.debug("cannot remove {}", directory, e);
            return false;
        }
    }
}
