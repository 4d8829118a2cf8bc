package dev.isolate4j;

import java.util.List;
import java.util.OptionalInt;

/**
 * The extension's process ended, or its connection closed, while a call was pending or when a call
 * was made. Carries the exit status, when the process exited, and the last lines it wrote to
 * stderr.
 */
public class ExtensionTerminatedException extends RemoteCallException {
    private static final long serialVersionUID = 1L;

    private final String extensionName;
    private final Integer exitStatus;
    private final List<String> stderrTail;

    public ExtensionTerminatedException(
            String extensionName, String what, Integer exitStatus, List<String> stderrTail, Throwable cause) {
        super(message(extensionName, what, exitStatus, stderrTail), cause);
        this.extensionName = extensionName;
        this.exitStatus = exitStatus;
        this.stderrTail = List.copyOf(stderrTail);
    }

    /** A copy for one caller: same message and details, with the shared original as its cause. */
    public ExtensionTerminatedException(ExtensionTerminatedException original) {
        super(original.getMessage(), original);
        this.extensionName = original.extensionName;
        this.exitStatus = original.exitStatus;
        this.stderrTail = original.stderrTail;
    }

    /** The name of the extension, as configured. */
    public String extensionName() {
        return extensionName;
    }

    /** The exit status of the extension's process, if it had exited. */
    public OptionalInt exitStatus() {
        return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** The last lines the extension's process wrote to stderr, oldest first. */
    public List<String> stderrTail() {
        return stderrTail;
    }

    private static String message(String name, String what, Integer exitStatus, List<String> stderrTail) {
        StringBuilder message =
                new StringBuilder("extension '").append(name).append("' ").append(what);
        if (exitStatus != null) {
            message.append(" (exit status ").append(exitStatus).append(')');
        }
        if (!stderrTail.isEmpty()) {
            message.append("; last lines of its stderr:");
            stderrTail.forEach(line -> message.append("\n  ").append(line));
        }
        return message.toString();
    }
}
