package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.RemoteInterface;

/** An object this side exports: calls to its id are dispatched to it. */
public record LocalObject(RemoteInterface<?> descriptor, Dispatcher dispatcher) {

    /**
     * Wraps {@code implementation} with a dispatcher generated for {@code descriptor}'s interface.
     *
     * @param <T> the remote interface
     * @param descriptor the interface's descriptor
     * @param implementation the object to call
     * @return the local object
     * @throws IllegalArgumentException when {@code implementation} does not implement the interface
     */
    public static <T> LocalObject of(RemoteInterface<T> descriptor, Object implementation) {
        if (!descriptor.type().isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement "
                    + descriptor.type().getName());
        }
        return new LocalObject(
                descriptor, descriptor.newDispatcher(descriptor.type().cast(implementation)));
    }
}
