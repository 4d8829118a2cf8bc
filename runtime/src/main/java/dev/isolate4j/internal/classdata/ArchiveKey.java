package dev.isolate4j.internal.classdata;

import dev.isolate4j.internal.Sha256;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What an archive depends on, as a short file name: the JDK (its modules and its VM, by path, size
 * and time), every class path entry (likewise) and the JVM options. The JVM refuses an archive
 * whose class path changed; a key that changes with them means such an archive is never offered.
 */
final class ArchiveKey {
    private ArchiveKey() {}

    /**
     * The key, or empty when the class path cannot be archived: JDK 17 dumps only jars, and refuses
     * a class path that holds a directory.
     */
    static Optional<String> of(Path javaHome, String classPath, List<String> jvmOptions) {
        MessageDigest digest = Sha256.digest();
        try {
            add(digest, javaHome.resolve("lib").resolve("modules"));
            add(digest, javaHome.resolve("lib").resolve("server").resolve("libjvm.so"));
            for (String entry : classPath.split(File.pathSeparator)) {
                if (entry.isEmpty()) {
                    continue;
                }
                Path path = Path.of(entry);
                if (!Files.isRegularFile(path)) {
                    return Optional.empty();
                }
                add(digest, path);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        digest.update(String.join("\n", jvmOptions).getBytes(StandardCharsets.UTF_8));
        return Optional.of(HexFormat.of().formatHex(digest.digest(), 0, 12));
    }

    private static void add(MessageDigest digest, Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String line = file.toAbsolutePath() + "|" + attributes.size() + "|"
                + attributes.lastModifiedTime().toMillis() + "\n";
        digest.update(line.getBytes(StandardCharsets.UTF_8));
    }
}
