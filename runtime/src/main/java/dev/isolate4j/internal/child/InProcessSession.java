package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.ExtensionModule;
import dev.isolate4j.internal.protocol.CallHeader;
import dev.isolate4j.internal.rpc.ConnectionSettings;
import dev.isolate4j.internal.rpc.Ends;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.ObjectLookup;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.RemoteObjectTarget;
import dev.isolate4j.internal.rpc.RpcConnection;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.sharedmemory.SharedMemoryPolicy;
import dev.isolate4j.internal.transport.UninterruptibleChannel;
import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * An extension and its host in one JVM, joined by two connections over in-memory pipes: the
 * generated proxies and dispatchers, the frames and the serialization are exactly those of a real
 * child; only the process boundary is missing.
 */
public final class InProcessSession implements AutoCloseable {
    private final RpcConnection host;
    private final RpcConnection child;
    private final ExtensionBase extension;
    private final ConnectionSettings settings;

    private InProcessSession(
            RpcConnection host, RpcConnection child, ExtensionBase extension, ConnectionSettings settings) {
        this.host = host;
        this.child = child;
        this.extension = extension;
        this.settings = settings;
    }

    /**
     * Connects the two sides, runs the extension's hooks, and exports it as a {@code type}.
     *
     * @param name the extension's name, for threads and messages
     * @param type the extension's {@code @Callee} interface
     * @param extension the extension, not started yet
     * @param hostObjects the host's callees the extension can reach
     * @param settings frame size and call timeout of both sides
     * @return the running session
     */
    public static InProcessSession start(
            String name,
            Class<?> type,
            ExtensionBase extension,
            ObjectLookup hostObjects,
            ConnectionSettings settings) {
        if (!type.isInstance(extension)) {
            throw new IllegalArgumentException(
                    extension.getClass().getName() + " does not implement " + type.getName());
        }
        RpcConnection host;
        RpcConnection child;
        try {
            Pipe toChild = Pipe.open();
            Pipe toHost = Pipe.open();
            String disabled = SharedMemoryPolicy.disabledReason(name);
            host = connection(
                    name + "-host",
                    Ends.host(name),
                    toHost,
                    toChild,
                    settings,
                    new LocalObjects(hostObjects),
                    disabled);
            child = connection(
                    name, Ends.child(name), toChild, toHost, settings, new LocalObjects(ObjectLookup.NONE), disabled);
        } catch (IOException e) {
            throw new ExtensionLoadException("cannot open in-memory pipes for extension '" + name + "': " + e, e);
        }
        host.start();
        child.start();
        InProcessSession session = new InProcessSession(host, child, extension, settings);
        session.load(name, type);
        return session;
    }

    private static RpcConnection connection(
            String name,
            Ends ends,
            Pipe in,
            Pipe out,
            ConnectionSettings settings,
            LocalObjects objects,
            String disabled)
            throws IOException {
        return new RpcConnection(
                name,
                ends,
                UninterruptibleChannel.of(in.source(), out.sink()),
                settings,
                new PayloadSerializer(true, disabled),
                objects,
                frame -> {
                    throw new IOException("unexpected " + frame.type() + " frame in the in-process mode");
                },
                io -> new IllegalStateException("in-process connection " + name + " closed"));
    }

    private void load(String name, Class<?> type) {
        ExtensionAccess access = ExtensionAccess.get();
        access.attach(extension, new ChildSession(child, settings.callTimeout()));
        try {
            access.beforeModuleLoaded(extension);
            access.onModuleLoaded(
                    extension,
                    new ExtensionModule(
                            name, location(extension), extension.getClass().getClassLoader(), extension.getClass()));
        } catch (Exception e) {
            close();
            throw new ExtensionLoadException("extension '" + name + "' failed to load: " + e, e);
        }
        export(type);
    }

    private <T> void export(Class<T> type) {
        var descriptor = RemoteInterfaces.of(type);
        child.serializer().register(descriptor);
        child.localObjects().register(CallHeader.EXTENSION_OBJECT_ID, LocalObject.of(descriptor, extension));
    }

    /**
     * A host-side proxy of the extension's object {@code objectId}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface the object implements
     * @param objectId the id the extension registered it under
     * @return the proxy
     */
    public <C> C caller(Class<C> type, String objectId) {
        return RemoteObjectTarget.proxy(host, objectId, RemoteInterfaces.of(type), settings.callTimeout());
    }

    /**
     * The host-side proxy of the extension itself.
     *
     * @param <T> the extension's {@code @Callee} interface
     * @param type the extension's {@code @Callee} interface
     * @return the proxy
     */
    public <T> T extensionProxy(Class<T> type) {
        return caller(type, CallHeader.EXTENSION_OBJECT_ID);
    }

    /** Runs the extension's {@code stop()}, then closes both sides. */
    @Override
    public void close() {
        try {
            extension.stop().join();
        } catch (RuntimeException e) {
            // stopping is best effort: both sides close below either way
        }
        child.close(new IllegalStateException("the in-process extension was closed"));
        host.close(new IllegalStateException("the in-process extension was closed"));
    }

    private static Path location(ExtensionBase extension) {
        CodeSource source = extension.getClass().getProtectionDomain().getCodeSource();
        try {
            return source == null ? Path.of("") : Path.of(source.getLocation().toURI());
        } catch (Exception e) {
            return Path.of("");
        }
    }
}
