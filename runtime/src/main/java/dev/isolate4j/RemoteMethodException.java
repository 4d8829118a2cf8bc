package dev.isolate4j;

/**
 * The remote method threw an exception. Its class name, message and stack trace are kept; the
 * stack trace lists the remote frames first, then the local frames of the call.
 *
 * <pre>{@code
 * try {
 *   extension.process(data);
 * } catch (RemoteMethodException e) {
 *   log.warn("extension failed with {}: {}", e.remoteClassName(), e.remoteMessage());
 * }
 * }</pre>
 */
public class RemoteMethodException extends RemoteCallException {
    private static final long serialVersionUID = 1L;

    /** The fully qualified class name of the exception thrown on the other side. */
    private final String remoteClassName;
    /** The message of the exception thrown on the other side, or {@code null}. */
    private final String remoteMessage;

    /**
     * Creates the exception.
     *
     * @param remoteClassName the fully qualified class name of the exception thrown on the other side
     * @param remoteMessage its message, or {@code null}
     * @param cause its cause, as a {@code RemoteMethodException}, or {@code null}
     */
    public RemoteMethodException(String remoteClassName, String remoteMessage, RemoteMethodException cause) {
        super(remoteMessage == null ? remoteClassName : remoteClassName + ": " + remoteMessage, cause);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
    }

    /** {@return the fully qualified class name of the exception thrown on the other side} */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** {@return the message of the exception thrown on the other side, or {@code null}} */
    public String remoteMessage() {
        return remoteMessage;
    }
}
