package dev.isolate4j.internal.rpc;

import dev.isolate4j.spi.RemoteInterface;

/**
 * Where a proxy's calls go: the current connection to the other side. A plain connection is its
 * own endpoint; an extension that restarts after a crash swaps the connection behind the same
 * endpoint, so that proxies handed out before the crash keep working.
 */
public interface Endpoint {
    /** {@return the current connection} */
    RpcConnection connection();

    /**
     * The connection for a call about to be made; {@link #recordCall} follows once it ends. An
     * extension whose child was stopped while idle starts it again here.
     *
     * @return the current connection
     */
    default RpcConnection beginCall() {
        return connection();
    }

    /**
     * Makes the types of {@code descriptor}'s methods crossable on this endpoint's connection, and
     * on every later one, for a proxy of it.
     *
     * @param descriptor the proxy's interface
     */
    default void register(RemoteInterface<?> descriptor) {
        connection().serializer().register(descriptor);
    }

    /**
     * Counts a call made through this endpoint once it ended; nothing by default.
     *
     * @param nanos how long the call took
     * @param failed whether it ended with an exception
     */
    default void recordCall(long nanos, boolean failed) {}
}
