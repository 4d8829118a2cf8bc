package dev.isolate4j.internal.cgroup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/self/mountinfo} that matters here: which part of a file system ({@code
 * root}) is mounted where.
 *
 * @param root the directory of the file system that is mounted, such as {@code /} or, in a container,
 *     the container's own cgroup
 * @param mountPoint where it is mounted
 * @param type the file system's type, such as {@code cgroup2} or {@code cgroup}
 * @param superOptions the file system's options; for cgroup v1, the controllers it carries
 */
record Mount(String root, String mountPoint, String type, Set<String> superOptions) {
    Mount {
        superOptions = Set.copyOf(superOptions);
    }

    /**
     * Parses {@code mountinfo}: per line, id, parent, device, root, mount point, mount options,
     * optional fields ended by {@code -}, then type, source and super options (proc(5)).
     *
     * @param mountinfo the file's text
     * @return the mounts, in the file's order; lines that do not parse are left out
     */
    static List<Mount> parseAll(String mountinfo) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            String[] fields = line.trim().split(" ");
            int separator = Arrays.asList(fields).indexOf("-");
            if (separator < 6 || fields.length < separator + 4) {
                continue;
            }
            mounts.add(new Mount(
                    unescape(fields[3]),
                    unescape(fields[4]),
                    fields[separator + 1],
                    Set.copyOf(Arrays.asList(fields[separator + 3].split(",")))));
        }
        return mounts;
    }

    /** The kernel writes a space, tab, newline or backslash in a path as a backslash and three octal digits. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && isOctal(raw, i + 1)) {
                bytes.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
                i += 3;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] raw, int from) {
        for (int i = from; i < from + 3; i++) {
            if (i >= raw.length || raw[i] < '0' || raw[i] > '7') {
                return false;
            }
        }
        return true;
    }
}
