package dev.isolate4j;

import dev.isolate4j.internal.child.InProcessSession;
import dev.isolate4j.internal.rpc.CalleeTypes;
import dev.isolate4j.internal.rpc.ConnectionSettings;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.SingletonRegistry;
import java.time.Duration;

/**
 * An extension run in the caller's own JVM, for fast unit tests of extensions: the same generated
 * proxies and dispatchers, the same frames and the same serialization as a real child, over
 * in-memory pipes, so that a test still catches an argument that would not cross a process
 * boundary. Starting one takes milliseconds instead of a JVM start.
 *
 * <pre>{@code
 * try (InProcessExtension<Greeter> extension = InProcessExtension.start(Greeter.class, new HelloExtension())) {
 *   assertThat(extension.proxy().greet("test")).startsWith("Hello, test");
 * }
 * }</pre>
 *
 * <p>Use it for the extension's logic and its interface contract; use {@link ExtensionManager} for
 * what only a process gives: isolation of class paths and crashes, another JDK, the sandbox, and
 * the extension's own copies of statics ({@code ProxiedSingletons} are the host's very objects here).
 *
 * @param <T> the extension's {@code @Callee} interface
 */
public final class InProcessExtension<T> implements AutoCloseable {
    private final InProcessSession session;
    private final T proxy;

    private InProcessExtension(InProcessSession session, T proxy) {
        this.session = session;
        this.proxy = proxy;
    }

    /**
     * Runs {@code extension}'s hooks and connects it, with a 60 s call timeout.
     *
     * @param <T> the extension's {@code @Callee} interface
     * @param type the extension's {@code @Callee} interface
     * @param extension the extension, not started yet
     * @return the running extension; close it to stop it
     */
    public static <T> InProcessExtension<T> start(Class<T> type, ExtensionBase extension) {
        return start(type, extension, new LocalObjects(SingletonRegistry.LOOKUP), Duration.ofSeconds(60));
    }

    /**
     * Runs {@code extension}'s hooks and connects it; {@code hostCallees} are objects the extension
     * reaches with {@code createCaller}, by id.
     *
     * @param <T> the extension's {@code @Callee} interface
     * @param type the extension's {@code @Callee} interface
     * @param extension the extension, not started yet
     * @param hostCallees the host's callees by object id; each implements exactly one {@code @Callee}
     *     interface
     * @param callTimeout the longest a call, either way, waits for its result
     * @return the running extension; close it to stop it
     */
    public static <T> InProcessExtension<T> start(
            Class<T> type, ExtensionBase extension, java.util.Map<String, Object> hostCallees, Duration callTimeout) {
        LocalObjects callees = new LocalObjects(SingletonRegistry.LOOKUP);
        hostCallees.forEach((id, callee) -> callees.register(
                id, LocalObject.of(RemoteInterfaces.of(CalleeTypes.soleCalleeInterface(callee)), callee)));
        return start(type, extension, callees, callTimeout);
    }

    private static <T> InProcessExtension<T> start(
            Class<T> type, ExtensionBase extension, LocalObjects hostObjects, Duration callTimeout) {
        InProcessSession session = InProcessSession.start(
                extension.getClass().getSimpleName(),
                type,
                extension,
                hostObjects,
                new ConnectionSettings(ExtensionManagerConfig.DEFAULT_MAX_FRAME_BYTES, callTimeout));
        return new InProcessExtension<>(session, session.extensionProxy(type));
    }

    /** {@return the proxy the host calls, as {@code ExtensionManager.loadExtension} would return it} */
    public T proxy() {
        return proxy;
    }

    /**
     * A proxy for the object the extension registered under {@code objectId}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the object implements
     * @param objectId the id the extension registered it under
     * @return the proxy
     */
    public <C> C createCaller(Class<C> type, String objectId) {
        return session.caller(type, objectId);
    }

    /** Stops the extension and closes both sides. */
    @Override
    public void close() {
        session.close();
    }
}
