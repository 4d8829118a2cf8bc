package dev.isolate4j;

import dev.isolate4j.annotations.ProxiedSingleton;
import dev.isolate4j.internal.classdata.ClassDataArchives;
import dev.isolate4j.internal.environment.Environments;
import dev.isolate4j.internal.process.ExtensionLauncher;
import dev.isolate4j.internal.process.HostServices;
import dev.isolate4j.internal.process.LaunchSettings;
import dev.isolate4j.internal.process.ManagedExtension;
import dev.isolate4j.internal.process.ModulePathEntries;
import dev.isolate4j.internal.process.RuntimeClassPath;
import dev.isolate4j.internal.rpc.CalleeTypes;
import dev.isolate4j.internal.rpc.LocalObject;
import dev.isolate4j.internal.rpc.LocalObjects;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.rpc.SingletonRegistry;
import dev.isolate4j.internal.sandbox.LinkedFiles;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.sharedmemory.SharedMemoryFiles;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
    /** Guarded by itself; insertion order is load order. */
    private final Map<String, Loaded<T>> extensions = new LinkedHashMap<>();
    /** The host's callees, shared by all extensions of this manager. */
    private final LocalObjects hostCallees = new LocalObjects(SingletonRegistry.LOOKUP);

    private final Map<String, List<ExtensionEventHandler>> eventHandlers = new ConcurrentHashMap<>();
    private final HostServices services = new HostServices(hostCallees, this::dispatchEvent);
    /** {@code null} when class data sharing is off. */
    private final ClassDataArchives archives;

    private final LinkedFiles sandboxLinks;

    /** How long the links of a class path no start used are kept (see {@link LinkedFiles}). */
    private static final Duration SANDBOX_LINKS_UNUSED = Duration.ofDays(30);

    private record Loaded<T>(T proxy, ManagedExtension extension) {}

    /**
     * Creates a manager for extensions implementing {@code extensionType}.
     *
     * @param extensionType the {@code @Callee} interface every extension of this manager implements
     * @param config the settings shared by its extensions
     * @throws IllegalArgumentException when {@code extensionType} is not a {@code @Callee} interface
     *     with generated code, or {@code envRootPath} cannot be created or written
     */
    public ExtensionManager(Class<T> extensionType, ExtensionManagerConfig config) {
        this.extensionType = extensionType;
        this.config = config;
        this.descriptor = RemoteInterfaces.of(extensionType);
        prepareRoot(config.envRootPath());
        PayloadSerializer.warmUpInBackground();
        this.archives = config.classDataSharing()
                ? new ClassDataArchives(config.envRootPath().resolve(".class-data"))
                : null;
        this.sandboxLinks = new LinkedFiles(config.envRootPath().resolve(".sandbox-links"));
        sandboxLinks.removeUnused(SANDBOX_LINKS_UNUSED);
        // Buffers of a host that was killed with SIGKILL: nobody else will ever remove them.
        SharedMemoryFiles.removeStale();
    }

    /**
     * Starts the extension's JVM, loads the extension there, runs its hooks, and returns a proxy to
     * it. Stop it with {@link #stopExtension}, {@link ExtensionHandle#stop()} or {@link #close()}.
     *
     * @param extension how to load the extension
     * @return a proxy to the extension; {@link ExtensionHandle#of} gives its handle
     * @throws IllegalArgumentException when the configuration is not acceptable (name in use, module
     *     missing, an api that is not a singleton), with what would be
     * @throws ExtensionLoadException when the extension could not be started or loaded
     */
    public T loadExtension(ExtensionConfig extension) {
        validate(extension);
        synchronized (extensions) {
            if (extensions.containsKey(extension.name())) {
                throw new IllegalArgumentException("an extension named '" + extension.name()
                        + "' is loaded already; names must be unique, loaded: " + extensions.keySet());
            }
            extensions.put(extension.name(), null); // reserves the name while the child starts
        }
        try {
            ManagedExtension managed = ManagedExtension.start(
                    launchOf(extension, environmentOf(extension)), descriptor, services, extension.restartPolicy());
            Loaded<T> loaded = new Loaded<>(managed.extensionProxy(extensionType), managed);
            synchronized (extensions) {
                extensions.put(extension.name(), loaded);
            }
            // A stop through the handle, not through this manager, must also free the name.
            managed.onStopped(() -> forget(extension.name(), loaded));
            return loaded.proxy();
        } catch (RuntimeException e) {
            synchronized (extensions) {
                extensions.remove(extension.name());
            }
            throw e;
        }
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
            if (loaded == null) {
                throw new NoSuchElementException(
                        "no extension named '" + name + "' is loaded; loaded: " + loadedNames());
            }
            extensions.remove(name);
        }
        loaded.extension().stop().join();
    }

    /** Stops every loaded extension, in parallel, and waits until their processes are gone. */
    public void stopAllExtensions() {
        List<Loaded<T>> all;
        synchronized (extensions) {
            all = new ArrayList<>(extensions.values());
            extensions.values().removeIf(loaded -> loaded != null);
        }
        CompletableFuture.allOf(all.stream()
                        .filter(loaded -> loaded != null)
                        .map(loaded -> loaded.extension().stop())
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** {@return the loaded extensions, by name, in load order; a read-only snapshot} */
    public Map<String, T> extensions() {
        Map<String, T> snapshot = new LinkedHashMap<>();
        synchronized (extensions) {
            extensions.forEach((name, loaded) -> {
                if (loaded != null) {
                    snapshot.put(name, loaded.proxy());
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
            if (loaded == null) {
                throw new NoSuchElementException(
                        "no extension named '" + name + "' is loaded; loaded: " + loadedNames());
            }
            return loaded.extension();
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

    /** Stops all extensions. */
    @Override
    public void close() {
        stopAllExtensions();
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

    private void forget(String name, Loaded<T> loaded) {
        synchronized (extensions) {
            extensions.remove(name, loaded);
        }
    }

    private LaunchSettings settingsOf(ExtensionConfig extension) {
        return new LaunchSettings(
                config.startTimeout(),
                config.stopTimeout(),
                extension.callTimeout(),
                config.maxFrameBytes(),
                extension.sharedMemory());
    }

    /** Resolves an isolated extension's class path, or reuses the one recorded; null when not isolated. */
    private Environments.Prepared environmentOf(ExtensionConfig extension) {
        if (!extension.isolated()) {
            return null;
        }
        return Environments.prepare(
                config.envRootPath(),
                new Environments.Spec(
                        extension.name(), extension.dependencies(), extension.repositories(), extension.javaHome()),
                config.localRepository(),
                config.resolutionListener());
    }

    private ExtensionLauncher.Launch launchOf(ExtensionConfig extension, Environments.Prepared environment) {
        Path classPathFile = environment == null ? null : Environments.classPathFile(environment.directory());
        List<String> apis = extension.apis().stream().map(Class::getName).toList();
        return new ExtensionLauncher.Launch(
                extension.name(),
                extension.javaHome(),
                extension.jvmArgs(),
                extension.env(),
                // An isolated child starts with the runtime alone; its extension gets its own loader.
                classPathFile != null ? RuntimeClassPath.forChild() : ModulePathEntries.hostClassPath(),
                extension.modulePath().toAbsolutePath(),
                classPathFile,
                environment == null ? List.of() : environment.classPath(),
                apis,
                extension.sandbox(),
                settingsOf(extension),
                archives,
                sandboxLinks);
    }

    private static void validate(ExtensionConfig extension) {
        if (!Files.isDirectory(extension.modulePath()) && !Files.isRegularFile(extension.modulePath())) {
            throw new IllegalArgumentException("modulePath " + extension.modulePath() + " of extension '"
                    + extension.name() + "' does not exist; give the jar or classes directory of the extension");
        }
        if (!Files.isExecutable(extension.javaHome().resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("javaHome " + extension.javaHome() + " of extension '" + extension.name()
                    + "' holds no bin/java; give the home directory of a JDK or JRE");
        }
        for (Class<?> api : extension.apis()) {
            if (!api.isInterface() || !api.isAnnotationPresent(ProxiedSingleton.class)) {
                throw new IllegalArgumentException("api " + api.getName() + " of extension '" + extension.name()
                        + "' is not an interface annotated @ProxiedSingleton");
            }
            RemoteInterfaces.of(api);
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
            if (loaded != null) {
                names.add(name);
            }
        });
        return names.toString();
    }
}
