package dev.isolate4j;

/**
 * {@code loadExtension} could not bring the extension up: its process did not start, did not
 * connect in time, found no extension class, or a hook threw. The message says which, with the
 * child's error and the last lines of its stderr.
 */
public class ExtensionLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public ExtensionLoadException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the error that made it fail
     */
    public ExtensionLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
