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

    /** The name of the extension, as configured. */
    private final String extensionName;
    /** The exit status of the extension's process, or {@code null} when it had not exited. */
    private final Integer exitStatus;
    /**
     * The last lines the extension's process wrote to stderr, oldest first: always a {@code
     * List.copyOf} list, which serializes (javac's serial lint, on JDK 21 and later, sees only {@code
     * List}).
     */
    @SuppressWarnings("serial")
    private final List<String> stderrTail;

    /**
     * Creates the exception; the message names the extension, then its exit status and stderr tail.
     *
     * @param extensionName the name of the extension, as configured
     * @param what what happened, e.g. {@code "was stopped"}, completing the message after the name
     * @param exitStatus the exit status of the process, or {@code null} when it had not exited
     * @param stderrTail the last lines the process wrote to stderr, oldest first
     * @param cause the error that revealed the termination, or {@code null}
     */
    public ExtensionTerminatedException(
            String extensionName, String what, Integer exitStatus, List<String> stderrTail, Throwable cause) {
        super(message(extensionName, what, exitStatus, stderrTail), cause);
        this.extensionName = extensionName;
        this.exitStatus = exitStatus;
        this.stderrTail = List.copyOf(stderrTail);
    }

    /**
     * A copy for one caller: same message and details, with the shared original as its cause.
     *
     * @param original the exception shared by all callers
     */
    public ExtensionTerminatedException(ExtensionTerminatedException original) {
        super(original.getMessage(), original);
        this.extensionName = original.extensionName;
        this.exitStatus = original.exitStatus;
        this.stderrTail = original.stderrTail;
    }

    /** {@return the name of the extension, as configured} */
    public String extensionName() {
        return extensionName;
    }

    /** {@return the exit status of the extension's process, if it had exited} */
    public OptionalInt exitStatus() {
        return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    /** {@return the last lines the extension's process wrote to stderr, oldest first} */
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
