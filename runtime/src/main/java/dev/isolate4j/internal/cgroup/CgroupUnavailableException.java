package dev.isolate4j.internal.cgroup;

import dev.isolate4j.HardLimits;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A hard limit was asked for and this machine, or this user, cannot enforce it. The message names the
 * limit, what was looked for and where, why it failed, and what to do.
 */
public final class CgroupUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    static final String REMEDY = "Run the host where it may create cgroups: as root, or as a user with a"
            + " delegated cgroup v2 group (for example under 'systemd-run --user --scope -p Delegate=yes java"
            + " ...'); or remove the limit from the extension's HardLimits";

    CgroupUnavailableException(String message) {
        super(message);
    }

    CgroupUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The message for the limits {@code controllers} enforce, with the reason and the remedy.
     *
     * @param limits what was asked for
     * @param controllers the controllers that enforce the limits that cannot be had
     * @param why what was looked for and why it failed
     */
    static String message(HardLimits limits, List<Controller> controllers, String why) {
        String asked = controllers.stream()
                .map(controller -> controller.limit() + " of " + controller.valueIn(limits))
                .collect(Collectors.joining(" and "));
        return "the hard " + asked + " cannot be enforced: " + why + ". " + REMEDY;
    }
}
