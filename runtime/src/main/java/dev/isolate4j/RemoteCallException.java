package dev.isolate4j;

/**
 * A remote call did not return normally. Catch it to handle every way a call can fail:
 *
 * <ul>
 *   <li>on its way: it timed out ({@link CallTimeoutException}), the other side went away ({@link
 *       ExtensionTerminatedException}), or its arguments or result could not cross (this class);
 *   <li>in the remote method, which threw: {@link RemoteMethodException}, or the exception itself
 *       when the method declares it.
 * </ul>
 */
public class RemoteCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     */
    public RemoteCallException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the error that made the call fail
     */
    public RemoteCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
