package dev.isolate4j.internal.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Reading and writing the kernel's cgroup files, and saying why that failed in words. */
final class CgroupFiles {
    private CgroupFiles() {}

    /**
     * Writes {@code value} to the existing file {@code file}. A cgroup file is never created: the kernel
     * makes a group's files with the group, and only for the controllers enabled for it.
     */
    static void write(Path file, String value) throws IOException {
        Files.writeString(
                file, value, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes {@code value} to {@code file} when the kernel offers that file; {@return whether it did} */
    static boolean writeIfPresent(Path file, String value) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        write(file, value);
        return true;
    }

    /** {@return the number after {@code key} in a file of "key value" lines, such as memory.events} */
    static Optional<Long> keyed(Path file, String key) {
        String text = HostCgroups.readOrEmpty(file);
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].equals(key)) {
                try {
                    return Optional.of(Long.parseLong(fields[1]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** {@return the number a file holds, or empty when there is no such file or it is not a number} */
    static Optional<Long> number(Path file) {
        try {
            return Optional.of(Long.parseLong(HostCgroups.readOrEmpty(file).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@return why {@code e} happened, in words} Such as "permission denied". */
    static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "it holds groups or files";
        }
        if (e instanceof FileSystemException failure && failure.getReason() != null) {
            return failure.getReason();
        }
        return e.toString();
    }
}
