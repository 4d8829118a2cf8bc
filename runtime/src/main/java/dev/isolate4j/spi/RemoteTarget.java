package dev.isolate4j.spi;

import java.util.concurrent.CompletableFuture;

/**
 * The remote object a generated proxy forwards to. Implemented by the runtime; generated proxies
 * call it with the method id and the arguments packed in an array.
 */
public interface RemoteTarget {

    /**
     * Calls a blocking method and waits for its result, at most the call timeout.
     *
     * @param methodId the method's index in {@link RemoteInterface#methods()}
     * @param args the arguments, boxed, in declaration order
     * @return the result, boxed; {@code null} for {@code void} methods
     * @throws RuntimeException the remote method's unchecked exception, a checked exception the
     *     method declares (rethrown as itself), or a {@code dev.isolate4j.RemoteCallException} when
     *     the call failed on its way
     */
    Object call(int methodId, Object[] args);

    /**
     * Calls an asynchronous method. The future completes with the remote result or exception;
     * cancelling it cancels the remote work.
     *
     * @param <R> the method's result type
     * @param methodId the method's index in {@link RemoteInterface#methods()}
     * @param args the arguments, boxed, in declaration order
     * @return the future result
     */
    <R> CompletableFuture<R> callAsync(int methodId, Object[] args);
}
