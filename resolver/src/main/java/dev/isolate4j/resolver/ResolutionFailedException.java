package dev.isolate4j.resolver;

/** The settings could not be read, or an artifact could not be resolved; the message is the resolver's. */
public final class ResolutionFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the resolver's exception
     */
    public ResolutionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
