package dev.isolate4j.internal.rpc;

/**
 * Where a proxy's calls go: the current connection to the other side. A plain connection is its
 * own endpoint; an extension that restarts after a crash swaps the connection behind the same
 * endpoint, so that proxies handed out before the crash keep working.
 */
public interface Endpoint {
    /** {@return the current connection} */
    RpcConnection connection();

    /**
     * Counts a call made through this endpoint; nothing by default.
     *
     * @param nanos how long the call took
     * @param failed whether it ended with an exception
     */
    default void recordCall(long nanos, boolean failed) {}
}
