package dev.isolate4j;

import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.spi.RemoteProxy;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Controls one loaded extension: its name, its process, and how to stop it. Get it from the proxy
 * that {@code loadExtension} returned, or from the manager by name.
 *
 * <pre>{@code
 * Greeter greeter = manager.loadExtension(config);
 * ExtensionHandle handle = ExtensionHandle.of(greeter);
 * System.out.println(handle.name() + " runs as pid " + handle.pid());
 * handle.stop().join();
 * }</pre>
 */
public interface ExtensionHandle {

    /** {@return the extension's name, as configured} */
    String name();

    /**
     * {@return the process id of the extension's JVM: the current one, or the last one while the
     * extension is {@link ExtensionState#IDLE} or stopped}
     */
    long pid();

    /**
     * {@return whether the extension's process is running and connected; false while it is {@link
     * ExtensionState#IDLE}, though its next call starts it again}
     */
    boolean isAlive();

    /** {@return where the extension is in its life} */
    ExtensionState state();

    /**
     * Stops the extension: asks it to stop, waits up to the manager's stop timeout, then ends the
     * process forcibly, and removes its socket. Calls still pending fail with {@link
     * ExtensionTerminatedException}. Idempotent: later calls return the same future.
     *
     * @return a future completed when the process has ended
     */
    CompletableFuture<Void> stop();

    /**
     * A proxy for the object the extension registered under {@code objectId} with {@link
     * ExtensionBase#registerCallee}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the object implements
     * @param objectId the id the extension registered it under
     * @return the proxy
     */
    <C> C createCaller(Class<C> type, String objectId);

    /**
     * Counts and latencies of the calls the host made to this extension's objects so far, and the
     * child's memory, which it is asked for now (waiting up to a second for its answer).
     *
     * @return a snapshot
     */
    ExtensionStatistics statistics();

    /**
     * The child's threads, as {@code jstack} would show them: each thread's name, state, the locks
     * it holds and waits for, and its whole stack. Answered by the thread that reads the child's
     * connection, so it works while every thread of the extension is busy or stuck; a child that
     * does not answer within five seconds is stopped or hung, and its health check will say so.
     *
     * <pre>{@code
     * System.out.println(ExtensionHandle.of(ocr).threadDump());
     * }</pre>
     *
     * @return the dump
     * @throws ExtensionTerminatedException when the extension is not running (stopped, crashed, or
     *     {@link ExtensionState#IDLE}: it has no threads then)
     * @throws RemoteCallException when the child did not answer within five seconds
     */
    String threadDump();

    /**
     * The port on {@code 127.0.0.1} where a debugger attaches to the extension's child, when it was
     * started with a {@link Debug} setting (or the system property {@value Debug#PROPERTY}); a
     * child started again after a crash may have another unless the port was given.
     *
     * <pre>{@code
     * ExtensionHandle.of(ocr).debugPort().ifPresent(port -> System.out.println("jdb -attach 127.0.0.1:" + port));
     * }</pre>
     *
     * @return the port, or empty when the child is not debugged or not running
     */
    OptionalInt debugPort();

    /**
     * The handle of the extension behind {@code proxy}.
     *
     * @param proxy a proxy returned by {@code ExtensionManager.loadExtension}
     * @return the extension's handle
     *
     * @throws IllegalArgumentException when {@code proxy} is not a proxy to an extension
     */
    static ExtensionHandle of(Object proxy) {
        if (proxy instanceof RemoteProxy remote
                && remote.remoteTarget() instanceof RemoteObjectTarget target
                && target.endpoint() instanceof ExtensionHandle handle) {
            return handle;
        }
        throw new IllegalArgumentException(
                "not a proxy returned by ExtensionManager.loadExtension: " + (proxy == null ? null : proxy.getClass()));
    }
}
