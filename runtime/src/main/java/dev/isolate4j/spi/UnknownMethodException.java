package dev.isolate4j.spi;

/** Thrown by a generated dispatcher for a method id its interface does not have. */
public final class UnknownMethodException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; the message suggests mismatched interface versions.
     *
     * @param type the interface the dispatcher was generated for
     * @param methodId the unknown method id
     */
    public UnknownMethodException(Class<?> type, int methodId) {
        super(type.getName() + " has no remote method with id " + methodId
                + ": host and extension were probably built from different versions of the interface");
    }
}
