package dev.isolate4j.spi;

/**
 * Invokes the methods of one local object by method id; generated as {@code
 * <Interface>_Dispatcher}, with a {@code switch} and typed casts, no reflection.
 */
public interface Dispatcher {

    /**
     * Invokes method {@code methodId} of the wrapped object with {@code args}.
     *
     * @param methodId the method's index in {@link RemoteInterface#methods()}
     * @param args the arguments, boxed, in declaration order
     *
     * @return the method's result, boxed; {@code null} for {@code void}; the {@code
     *     CompletionStage} itself for an asynchronous method
     * @throws UnknownMethodException when no method has that id
     * @throws Throwable whatever the invoked method throws
     */
    Object dispatch(int methodId, Object[] args) throws Throwable;
}
