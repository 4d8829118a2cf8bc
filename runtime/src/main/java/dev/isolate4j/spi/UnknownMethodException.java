package dev.isolate4j.spi;

/** Thrown by a generated dispatcher for a method id its interface does not have. */
public final class UnknownMethodException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownMethodException(Class<?> type, int methodId) {
        super(type.getName() + " has no remote method with id " + methodId
                + ": host and extension were probably built from different versions of the interface");
    }
}
