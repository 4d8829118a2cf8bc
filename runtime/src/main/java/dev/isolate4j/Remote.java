package dev.isolate4j;

import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.spi.RemoteProxy;
import java.time.Duration;
import java.util.Objects;

/**
 * Options for calls through a proxy, applied by deriving a proxy with the option set.
 *
 * <pre>{@code
 * Indexer patient = Remote.withTimeout(indexer, Duration.ofMinutes(10));
 * patient.rebuildIndex();        // this call may take up to 10 minutes
 * indexer.status();              // the original proxy keeps the configured timeout
 * }</pre>
 */
public final class Remote {
    private Remote() {}

    /**
     * A proxy to the same remote object as {@code proxy} whose blocking and asynchronous calls time
     * out after {@code timeout} instead of the configured {@code callTimeout}.
     *
     * @param <T> the proxy's remote interface
     * @param proxy a proxy isolate4j made; it keeps its own timeout
     * @param timeout the timeout of calls through the new proxy
     * @return the new proxy
     *
     * @throws IllegalArgumentException when {@code proxy} is not a proxy isolate4j made, or the
     *     timeout is not positive
     */
    public static <T> T withTimeout(T proxy, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) target(proxy).descriptor().type();
        return target(proxy).withTimeout(type, timeout);
    }

    private static RemoteObjectTarget target(Object proxy) {
        if (proxy instanceof RemoteProxy remote && remote.remoteTarget() instanceof RemoteObjectTarget target) {
            return target;
        }
        throw new IllegalArgumentException(
                "not a proxy made by isolate4j: " + (proxy == null ? null : proxy.getClass()));
    }
}
