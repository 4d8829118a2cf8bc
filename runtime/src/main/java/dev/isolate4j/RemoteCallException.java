package dev.isolate4j;

/**
 * A remote call failed on its way: it timed out, could not be serialized, or the other side went
 * away. Exceptions thrown by the remote method itself arrive as {@link RemoteException}, a
 * subclass, or as themselves when the method declares them.
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
