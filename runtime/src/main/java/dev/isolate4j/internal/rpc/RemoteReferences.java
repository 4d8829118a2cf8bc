package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.protocol.Release;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteProxy;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes objects whose declared type is a {@code @Callee} interface (listeners, progress
 * callbacks, lambdas) by reference, and releases them when the other side no longer needs them.
 * A {@code Flow.Publisher} crosses the same way, as a stream ({@link Streams}), which ends rather
 * than being released.
 *
 * <p>Exporting side: each object gets an id, exported among the connection's local objects, and
 * a count of how many times it was sent. Importing side: one proxy per id, cached weakly; when the
 * proxy is garbage collected a RELEASE frame returns the number of times the id was received, and
 * the exporter drops the object once all sends are returned. Counting sends, not proxies, keeps a
 * release that crosses a new send from dropping an object still in use.
 */
final class RemoteReferences {
    private static final Cleaner CLEANER = Cleaner.create(DaemonThreads.factory("isolate4j-reference-cleaner"));

    private final RpcConnection connection;
    private final AtomicLong lastExportId = new AtomicLong();
    /** Guarded by itself, as are the export counts. */
    private final Map<Object, Export> exportsByObject = new IdentityHashMap<>();

    private final Map<String, Export> exportsById = new HashMap<>();
    /** Guarded by itself. */
    private final Map<String, Import> imports = new HashMap<>();

    private static final class Export {
        final String id;
        final Object object;
        int sent;

        Export(String id, Object object) {
            this.id = id;
            this.object = object;
        }
    }

    private static final class Import {
        final AtomicInteger received = new AtomicInteger();
        WeakReference<Object> proxy;
    }

    RemoteReferences(RpcConnection connection) {
        this.connection = connection;
    }

    /** {@code args} with every callee-typed argument replaced by a reference; the same array when none. */
    Object[] outgoingArguments(MethodDescriptor method, Object[] args) {
        if (method == null || !CalleeTypes.anyReferenceParameter(method)) {
            return args;
        }
        Object[] converted = args.clone();
        List<Class<?>> types = method.parameterTypes();
        for (int i = 0; i < converted.length && i < types.size(); i++) {
            converted[i] = outgoing(types.get(i), converted[i], method.tracksReferences());
        }
        return converted;
    }

    /** {@code args} with every reference replaced by a proxy (or by our own object coming back). */
    Object[] incomingArguments(MethodDescriptor method, Object[] args) {
        if (method == null || !CalleeTypes.anyReferenceParameter(method)) {
            return args;
        }
        List<Class<?>> types = method.parameterTypes();
        for (int i = 0; i < args.length && i < types.size(); i++) {
            args[i] = incoming(types.get(i), args[i]);
        }
        return args;
    }

    /**
     * What crosses for {@code value}: a reference for a {@code @Callee} interface, a stream for a
     * {@code Flow.Publisher} (whose items are written with reference tracking when {@code
     * tracksReferences}), the value itself otherwise.
     */
    Object outgoing(Class<?> declared, Object value, boolean tracksReferences) {
        if (value == null) {
            return null;
        }
        if (CalleeTypes.isStream(declared)) {
            return connection.streams().export((Flow.Publisher<?>) value, tracksReferences);
        }
        if (!CalleeTypes.isCallee(declared)) {
            return value;
        }
        if (value instanceof RemoteProxy proxy
                && proxy.remoteTarget() instanceof RemoteObjectTarget target
                && target.connection() == connection) {
            return new RemoteRef(target.objectId(), false);
        }
        return new RemoteRef(export(declared, value), true);
    }

    Object incoming(Class<?> declared, Object value) {
        if (value instanceof StreamRef stream && CalleeTypes.isStream(declared)) {
            return connection.streams().importStream(stream);
        }
        if (!(value instanceof RemoteRef ref) || !CalleeTypes.isCallee(declared)) {
            return value;
        }
        if (!ref.senderOwned()) {
            return exported(ref.objectId());
        }
        return importProxy(declared, ref.objectId());
    }

    /** The other side dropped {@code count} of the sends of {@code id}. */
    void release(String id, int count) {
        synchronized (exportsByObject) {
            Export export = exportsById.get(id);
            if (export == null) {
                return;
            }
            export.sent -= count;
            if (export.sent > 0) {
                return;
            }
            exportsById.remove(id);
            exportsByObject.remove(export.object);
        }
        connection.localObjects().unregister(id);
    }

    /** How many objects this side exports by reference; for tests and statistics. */
    int exportCount() {
        synchronized (exportsByObject) {
            return exportsById.size();
        }
    }

    private String export(Class<?> declared, Object value) {
        synchronized (exportsByObject) {
            Export export = exportsByObject.get(value);
            if (export == null) {
                export = new Export("ref:" + lastExportId.incrementAndGet(), value);
                connection.localObjects().register(export.id, LocalObject.of(RemoteInterfaces.of(declared), value));
                exportsByObject.put(value, export);
                exportsById.put(export.id, export);
            }
            export.sent++;
            return export.id;
        }
    }

    private Object exported(String id) {
        synchronized (exportsByObject) {
            Export export = exportsById.get(id);
            if (export == null) {
                throw new IllegalStateException("reference " + id + " was passed back after it was released");
            }
            return export.object;
        }
    }

    private Object importProxy(Class<?> declared, String id) {
        synchronized (imports) {
            Import entry = imports.get(id);
            Object proxy = entry == null ? null : entry.proxy.get();
            if (proxy == null) {
                entry = new Import();
                proxy = RemoteObjectTarget.proxy(
                        connection, id, RemoteInterfaces.of(declared), connection.callTimeout());
                entry.proxy = new WeakReference<>(proxy);
                imports.put(id, entry);
                CLEANER.register(proxy, new Releaser(this, id, entry));
            }
            entry.received.incrementAndGet();
            return proxy;
        }
    }

    /** Runs once the proxy is unreachable; must not refer to it. */
    private record Releaser(RemoteReferences references, String id, Import entry) implements Runnable {
        @Override
        public void run() {
            synchronized (references.imports) {
                references.imports.remove(id, entry);
            }
            if (references.connection.isOpen()) {
                references.connection.sendRelease(new Release(id, entry.received.get()).encode());
            }
        }
    }
}
