package dev.isolate4j.internal.environment;

import dev.isolate4j.internal.Sha256;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an extension's environment lives: one directory under {@code envRootPath}, named after the
 * extension but safe for any file system, and never outside the root.
 */
final class EnvironmentDirectory {
    private static final int MAX_NAME = 64;
    private static final Pattern HASHED = Pattern.compile(".*-[0-9a-f]{8}");

    private EnvironmentDirectory() {}

    /**
     * The directory for extension {@code name}: its name lower-cased, with anything but letters,
     * digits, '.', '-' and '_' replaced; when that changed the name (or the name already ends like a
     * changed one), a short hash of the original keeps two names from sharing a directory.
     *
     * @param root the manager's {@code envRootPath}
     * @param name the extension's name
     * @return the directory under {@code root}
     */
    public static Path of(Path root, String name) {
        String normalized = normalize(name);
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path directory = absoluteRoot.resolve(normalized).normalize();
        if (!directory.getParent().equals(absoluteRoot)) {
            throw new IllegalArgumentException(
                    "extension name '" + name + "' would leave envRootPath " + absoluteRoot + ": choose another");
        }
        return directory;
    }

    static String normalize(String name) {
        String safe = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        safe = safe.replaceAll("^[.]+", "_");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(0, MAX_NAME);
        }
        // A name kept as it is must not look like another name's normalized form, or the two would share.
        boolean keep = safe.equals(name) && !HASHED.matcher(name).matches();
        return keep ? safe : safe + "-" + shortHash(name);
    }

    private static String shortHash(String text) {
        return Sha256.hex(text, 4);
    }
}
