package dev.isolate4j;

import dev.isolate4j.internal.environment.Environments;
import dev.isolate4j.internal.plugin.PluginDirectory;
import dev.isolate4j.internal.process.HostServices;
import dev.isolate4j.internal.process.LaunchPlanner;
import dev.isolate4j.internal.process.ManagedExtension;
import dev.isolate4j.internal.rpc.CalleeTypes;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.SingletonRegistry;
import dev.isolate4j.internal.sandbox.Bubblewrap;
import dev.isolate4j.internal.serialization.ForyModuleCheck;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.sharedmemory.SharedMemoryFiles;
import dev.isolate4j.internal.transport.SocketDirectory;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads extensions into child JVMs and hands out type-safe proxies to them.
 *
 * <pre>{@code
 * try (ExtensionManager<Greeter> manager = new ExtensionManager<>(Greeter.class,
 *         ExtensionManagerConfig.builder().envRootPath(Path.of("build/extensions")).build())) {
 *     Greeter greeter = manager.loadExtension(ExtensionConfig.builder("greeter")
 *             .modulePath(Path.of("extensions/greeter.jar"))
 *             .build());
 *     System.out.println(greeter.greet("world"));     // runs in the extension's JVM
 * }                                                   // close() stops every extension
 * }</pre>
 *
 * @param <T> the {@code @Callee} interface every extension of this manager implements
 */
public final class ExtensionManager<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExtensionManager.class);

    private final Class<T> extensionType;
    private final ExtensionManagerConfig config;
    private final RemoteInterface<T> descriptor;
    /**
     * Guarded by itself, as is {@link #closed}; insertion order is load order. Holds extensions in
     * every state but {@link ExtensionState#STOPPED}, so that a name being loaded is taken and
     * {@link #close()} stops a load under way too. Never held across a launch or a stop.
     */
    private final Map<String, Loaded<T>> extensions = new LinkedHashMap<>();
    /** Guarded by {@link #extensions}: once set, nothing loads again. */
    private boolean closed;
    /** The host's callees, shared by all extensions of this manager. */
    private final LocalObjects hostCallees = new LocalObjects(SingletonRegistry.LOOKUP);

    private final Map<String, List<ExtensionEventHandler>> eventHandlers = new ConcurrentHashMap<>();
    private final HostServices services = new HostServices(hostCallees, this::dispatchEvent);
    private final LaunchPlanner planner;

    /** An extension and, once it started, the proxy handed out for it. */
    private static final class Loaded<T> {
        final ManagedExtension extension;
        /** Set once the extension started: a proxy registers its types with the connection. */
        volatile T proxy;

        Loaded(ManagedExtension extension) {
            this.extension = extension;
        }

        boolean started() {
            return proxy != null;
        }
    }

    /**
     * Creates a manager for extensions implementing {@code extensionType}.
     *
     * @param extensionType the {@code @Callee} interface every extension of this manager implements
     * @param config the settings shared by its extensions
     * @throws IllegalArgumentException when {@code extensionType} is not a {@code @Callee} interface
     *     with generated code, or {@code envRootPath} cannot be created or written
     * @throws IllegalStateException when this JVM would not let Fory run: on JDK 25 and later, Fory on
     *     the module path needs {@code --add-opens=java.base/java.lang.invoke=org.apache.fory.core}
     *     on the host's command line, and the message says so
     */
    public ExtensionManager(Class<T> extensionType, ExtensionManagerConfig config) {
        // A host whose JVM would not let Fory run (JDK 25, Fory on the module path, without the
        // opening it needs) learns it here, with the option to add, not at its first call.
        ForyModuleCheck.requireUsable();
        // First: whatever the constructor does next, the resolver's classes load meanwhile, and
        // bubblewrap is tried before the first sandboxed child needs the answer.
        Environments.warmUpInBackground(config.envRootPath());
        Bubblewrap.probeInBackground();
        this.extensionType = extensionType;
        this.config = config;
        this.descriptor = RemoteInterfaces.of(extensionType);
        prepareRoot(config.envRootPath());
        PayloadSerializer.warmUpInBackground();
        this.planner = new LaunchPlanner(extensionType, config);
        // Buffers and socket directories of a host that was killed with SIGKILL: nobody else will
        // ever remove them.
        SharedMemoryFiles.removeStale();
        SocketDirectory.removeStale();
        planner.startPrestarted();
    }

    /**
     * Starts the extension's JVM, loads the extension there, runs its hooks, and returns a proxy to
     * it. Stop it with {@link #stopExtension}, {@link ExtensionHandle#stop()} or {@link #close()}.
     *
     * @param extension how to load the extension
     * @return a proxy to the extension; {@link ExtensionHandle#of} gives its handle
     * @throws IllegalArgumentException when the configuration is not acceptable (name in use, module
     *     missing, an api that is not a singleton), with what would be
     * @throws IllegalStateException when the manager is closed
     * @throws ExtensionLoadException when the extension could not be started or loaded, or the
     *     manager was closed while it loaded
     */
    public T loadExtension(ExtensionConfig extension) {
        planner.check(extension);
        ManagedExtension managed = new ManagedExtension(
                extension.name(),
                extension.callTimeout(),
                descriptor,
                services,
                extension.restartPolicy(),
                extension.idleTimeout());
        managed.onRunning(() -> keepWithinBudget(managed));
        Loaded<T> loaded = new Loaded<>(managed);
        synchronized (extensions) {
            if (closed) {
                throw new IllegalStateException("this ExtensionManager is closed; extension '" + extension.name()
                        + "' was not loaded. Create a new manager to load extensions");
            }
            if (extensions.containsKey(extension.name())) {
                throw new IllegalArgumentException("an extension named '" + extension.name()
                        + "' is loaded already; names must be unique, loaded: " + extensions.keySet());
            }
            extensions.put(extension.name(), loaded); // takes the name while the child starts
        }
        // Whatever stops it (its handle, the manager, a failed start) frees the name.
        managed.onStopped(() -> forget(extension.name(), loaded));
        managed.start(planner, extension);
        loaded.proxy = managed.extensionProxy(extensionType);
        return loaded.proxy;
    }

    /**
     * Loads every plugin of {@code directory}: each {@code *.jar} in it, in file-name order, as
     * described by its {@code META-INF/isolate4j/extension.properties} and allowed by {@code policy}.
     * A plugin that cannot be read, has a broken descriptor, asks for more than the policy allows,
     * takes a name already taken, or fails to start is refused with the reason; the others still
     * load.
     *
     * <pre>{@code
     * List<PluginLoad<TextPlugin>> loads = manager.loadPlugins(Path.of("plugins"), PluginPolicy.builder()
     *     .writableRoots(List.of(Path.of("/var/lib/myapp")))
     *     .maxHeap("256m")
     *     .apis(VisitLog.class)
     *     .build());
     * loads.stream().filter(load -> !load.loaded()).forEach(load -> log.warn(load.refusal()));
     * }</pre>
     *
     * @param directory the plugin directory
     * @param policy what the plugins' descriptors may ask for
     * @return one result per jar, in file-name order
     * @throws IllegalArgumentException when {@code directory} is not a readable directory
     * @throws IllegalStateException when the manager is closed
     */
    public List<PluginLoad<T>> loadPlugins(Path directory, PluginPolicy policy) {
        return PluginDirectory.load(directory, policy, this::loadExtension);
    }

    /**
     * Stops the extension named {@code name} and waits until its process is gone.
     *
     * @param name the extension's name, as configured
     * @throws NoSuchElementException when no extension has that name, naming the loaded ones
     */
    public void stopExtension(String name) {
        Loaded<T> loaded;
        synchronized (extensions) {
            loaded = extensions.get(name);
            if (loaded == null || !loaded.started()) {
                throw new NoSuchElementException(
                        "no extension named '" + name + "' is loaded; loaded: " + loadedNames());
            }
        }
        loaded.extension.stop().join();
        forget(name, loaded); // onStopped does too, but maybe after join() returned
    }

    /**
     * Stops every extension, loaded or loading, in parallel, and waits until their processes are
     * gone. A load under way fails with {@link ExtensionLoadException}.
     */
    public void stopAllExtensions() {
        List<Loaded<T>> all;
        synchronized (extensions) {
            all = new ArrayList<>(extensions.values());
        }
        CompletableFuture.allOf(
                        all.stream().map(loaded -> loaded.extension.stop()).toArray(CompletableFuture[]::new))
                .join();
        all.forEach(loaded -> forget(loaded.extension.name(), loaded));
    }

    /** {@return the loaded extensions, by name, in load order; a read-only snapshot} */
    public Map<String, T> extensions() {
        Map<String, T> snapshot = new LinkedHashMap<>();
        synchronized (extensions) {
            extensions.forEach((name, loaded) -> {
                if (loaded.started()) {
                    snapshot.put(name, loaded.proxy);
                }
            });
        }
        return Collections.unmodifiableMap(snapshot);
    }

    /**
     * The handle of the extension named {@code name}.
     *
     * @param name the extension's name, as configured
     * @return the extension's handle
     * @throws NoSuchElementException when no extension has that name, naming the loaded ones
     */
    public ExtensionHandle handle(String name) {
        synchronized (extensions) {
            Loaded<T> loaded = extensions.get(name);
            if (loaded == null || !loaded.started()) {
                throw new NoSuchElementException(
                        "no extension named '" + name + "' is loaded; loaded: " + loadedNames());
            }
            return loaded.extension;
        }
    }

    /**
     * Makes {@code instance} callable from every extension of this manager under {@code objectId};
     * an extension reaches it with {@code createCaller(Type.class, objectId)}. {@code instance} must
     * implement exactly one {@code @Callee} interface.
     *
     * @param instance the object to call
     * @param objectId the id extensions reach it by
     * @throws IllegalArgumentException when the id is taken or the interface is not clear
     */
    public void registerCallee(Object instance, String objectId) {
        registerAs(CalleeTypes.soleCalleeInterface(instance), instance, objectId);
    }

    /**
     * Makes {@code instance} callable from every extension under {@code objectId}, as a {@code type}.
     *
     * @param <C> the callee interface
     * @param type the {@code @Callee} interface extensions call it through
     * @param instance the object to call
     * @param objectId the id extensions reach it by
     * @throws IllegalArgumentException when the id is taken
     */
    public <C> void registerCallee(Class<C> type, C instance, String objectId) {
        registerAs(type, instance, objectId);
    }

    /**
     * Calls {@code handler} for every event named {@code eventName} that an extension of this
     * manager emits with {@link ExtensionBase#emitEvent}.
     *
     * @param eventName the name the extension emits the event under
     * @param handler receives the event's payload
     */
    public void addEventHandler(String eventName, ExtensionEventHandler handler) {
        eventHandlers
                .computeIfAbsent(eventName, name -> new CopyOnWriteArrayList<>())
                .add(handler);
    }

    /** {@return the {@code @Callee} interface this manager's extensions implement} */
    public Class<T> extensionType() {
        return extensionType;
    }

    /** {@return the settings shared by this manager's extensions} */
    public ExtensionManagerConfig config() {
        return config;
    }

    /**
     * Closes the manager: no extension loads from now on, and every one, loaded or loading, is
     * stopped; returns when their processes are gone. Idempotent.
     */
    @Override
    public void close() {
        synchronized (extensions) {
            closed = true;
        }
        // Ended beside the extensions, not after them: each waits a moment for its process.
        CompletableFuture<Void> prestarted = planner.closePrestarted();
        stopAllExtensions();
        prestarted.join();
        planner.releaseLinks();
    }

    private void registerAs(Class<?> type, Object instance, String objectId) {
        hostCallees.register(objectId, LocalObject.of(RemoteInterfaces.of(type), instance));
    }

    private void dispatchEvent(String extensionName, String eventName, Object payload) {
        for (ExtensionEventHandler handler : eventHandlers.getOrDefault(eventName, List.of())) {
            try {
                handler.handle(extensionName, payload);
            } catch (RuntimeException e) {
                log.warn("handler of event '{}' from extension '{}' failed", eventName, extensionName, e);
            }
        }
    }

    /**
     * Parks the running children whose last call ended longest ago, never a busy one, until at
     * most {@code maxRunningChildren} run; {@code started} just started, and stays.
     */
    private void keepWithinBudget(ManagedExtension started) {
        int max = config.maxRunningChildren();
        if (max == 0) {
            return;
        }
        List<ManagedExtension> others = new ArrayList<>();
        synchronized (extensions) {
            extensions.values().forEach(loaded -> others.add(loaded.extension));
        }
        others.remove(started);
        // States are read outside the manager's lock: an extension's lock is never taken under it.
        others.removeIf(extension -> extension.state() != ExtensionState.RUNNING);
        int excess = others.size() + 1 - max;
        if (excess <= 0) {
            return;
        }
        // Read once: the times move while calls end, and a sort needs them to stand still.
        Map<ManagedExtension, Long> lastActive = new HashMap<>();
        others.forEach(extension -> lastActive.put(extension, extension.lastActiveNanos()));
        others.sort(Comparator.comparing(lastActive::get));
        for (ManagedExtension candidate : others) {
            if (excess <= 0) {
                return;
            }
            if (candidate.park("to keep this manager within maxRunningChildren(" + max + ")")) {
                excess--;
            }
        }
        if (excess > 0) {
            log.info(
                    "{} children run, more than maxRunningChildren({}): the others have calls in progress",
                    max + excess,
                    max);
        }
    }

    private void forget(String name, Loaded<T> loaded) {
        synchronized (extensions) {
            extensions.remove(name, loaded);
        }
    }

    private static void prepareRoot(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(
                    "envRootPath " + root + " cannot be created: " + e.getMessage() + "; give a writable directory", e);
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new IllegalArgumentException("envRootPath " + root + " is not a writable directory");
        }
    }

    private String loadedNames() {
        List<String> names = new ArrayList<>();
        extensions.forEach((name, loaded) -> {
            if (loaded.started()) {
                names.add(name);
            }
        });
        return names.toString();
    }
}
