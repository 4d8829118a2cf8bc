package dev.isolate4j.internal.cgroup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code /proc/self/cgroup}: the group a process is in, in one hierarchy.
 *
 * @param hierarchyId 0 for cgroup v2, the hierarchy's number for v1
 * @param controllers the v1 hierarchy's controllers (such as {@code cpu} and {@code cpuacct}), or
 *     {@code name=systemd} for a named one; empty for v2
 * @param path the group, relative to the hierarchy's root as this process's cgroup namespace sees it
 */
record Membership(int hierarchyId, Set<String> controllers, String path) {
    Membership {
        controllers = Set.copyOf(controllers);
    }

    /** {@return whether this line is the cgroup v2 one} */
    boolean unified() {
        return hierarchyId == 0 && controllers.isEmpty();
    }

    /**
     * Parses {@code /proc/self/cgroup}: per line {@code id:controllers:path} (cgroups(7)).
     *
     * @param text the file's text
     * @return the lines that parse, in order
     */
    static List<Membership> parseAll(String text) {
        List<Membership> memberships = new ArrayList<>();
        for (String line : text.split("\n")) {
            // The path may itself hold a colon: split at the first two only.
            String[] fields = line.split(":", 3);
            if (fields.length < 3 || !fields[0].matches("[0-9]+")) {
                continue;
            }
            Set<String> controllers = fields[1].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(fields[1].split(",")));
            memberships.add(new Membership(Integer.parseInt(fields[0]), controllers, fields[2]));
        }
        return memberships;
    }
}
