package dev.isolate4j.spi;

/**
 * Implemented by every generated proxy, so that the runtime can find the remote object behind a
 * proxy (for {@code ExtensionHandle.of(proxy)}, and to pass a proxy back to its own side).
 */
public interface RemoteProxy {

    /** {@return the remote object this proxy forwards to} */
    RemoteTarget remoteTarget();
}
