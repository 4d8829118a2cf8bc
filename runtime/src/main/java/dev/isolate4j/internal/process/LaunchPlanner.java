package dev.isolate4j.internal.process;

import dev.isolate4j.CallInterceptor;
import dev.isolate4j.Debug;
import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.annotations.ProxiedSingleton;
import dev.isolate4j.internal.classdata.ClassDataArchives;
import dev.isolate4j.internal.classpath.ChildClassPaths;
import dev.isolate4j.internal.classpath.ModuleOverlap;
import dev.isolate4j.internal.environment.Environments;
import dev.isolate4j.internal.jdk.ClassSharingOptions;
import dev.isolate4j.internal.jdk.CompileOptions;
import dev.isolate4j.internal.jdk.JdkOptions;
import dev.isolate4j.internal.jdk.MemoryOptions;
import dev.isolate4j.internal.rpc.RemoteInterfaces;
import dev.isolate4j.internal.sandbox.LinkedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a manager's and an extension's configuration into what {@link ExtensionLauncher} starts:
 * the child's class path for the host's packaging, an isolated extension's resolved environment,
 * the class-data archive and the sandbox's links. One per manager; what it computes once (class
 * paths) it keeps.
 *
 * <pre>{@code
 * LaunchPlanner planner = new LaunchPlanner(Greeter.class, managerConfig);
 * planner.check(extensionConfig);             // fast, before a name is taken
 * managedExtension.start(planner, extensionConfig); // plans (may resolve from Maven) and launches
 * }</pre>
 */
public final class LaunchPlanner {
    /** The oldest Java a child runs on: the runtime's classes are compiled for it. */
    static final int OLDEST_CHILD_JAVA = 17;

    private static final Logger log = LoggerFactory.getLogger(LaunchPlanner.class);
    /**
     * How long the links of a class path no start used, and the nested jars written out for a host
     * no host ran, are kept (see {@link LinkedFiles} and {@link ChildClassPaths}).
     */
    private static final Duration UNUSED = Duration.ofDays(30);

    /**
     * The interceptors the host's class path provides, looked for once per extension interface:
     * the look opens every jar of the class path, which a second manager need not pay again.
     */
    private static final ClassValue<List<CallInterceptor>> CLASS_PATH_INTERCEPTORS = new ClassValue<>() {
        @Override
        protected List<CallInterceptor> computeValue(Class<?> extensionType) {
            List<CallInterceptor> found = new ArrayList<>();
            ServiceLoader.load(CallInterceptor.class, extensionType.getClassLoader())
                    .forEach(found::add);
            return List.copyOf(found);
        }
    };

    private final Class<?> extensionType;
    private final ExtensionManagerConfig config;
    /** {@code null} when class data sharing is off. */
    private final ClassDataArchives archives;

    private final LinkedFiles sandboxLinks;
    private final ChildClassPaths classPaths;
    private final ModuleOverlap moduleOverlap = new ModuleOverlap();
    /** {@code null} when the manager keeps no prestarted children. */
    private final PrestartedChildren prestarted;
    /** Those the host's class path provides, then the config's. */
    private final List<CallInterceptor> interceptors;
    /** The class names of those the host's class path provides. */
    private final List<String> classPathInterceptors;

    /**
     * A planner for the extensions of one manager.
     *
     * @param extensionType the manager's extension interface
     * @param config the manager's settings; its {@code envRootPath} exists
     */
    public LaunchPlanner(Class<?> extensionType, ExtensionManagerConfig config) {
        this.extensionType = extensionType;
        this.config = config;
        Path root = config.envRootPath();
        this.archives = config.classDataSharing() ? new ClassDataArchives(root.resolve(".class-data")) : null;
        this.sandboxLinks = new LinkedFiles(root.resolve(".sandbox-links"));
        sandboxLinks.removeUnused(UNUSED);
        this.classPaths = new ChildClassPaths(root.resolve(".host-jars"));
        classPaths.removeUnused(UNUSED);
        List<CallInterceptor> found = new ArrayList<>(CLASS_PATH_INTERCEPTORS.get(extensionType));
        this.classPathInterceptors = found.stream()
                .map(interceptor -> interceptor.getClass().getName())
                .toList();
        found.addAll(config.interceptors());
        this.interceptors = List.copyOf(found);
        PrestartedFiles.removeStale(prestartedFiles());
        this.prestarted = config.prestartedChildren() == 0 ? null : prestartedChildren(root);
    }

    /**
     * Children of the shape of {@code prestartedLike}, or of a default isolated extension, started
     * into their own directories of files under {@code <envRootPath>/.prestarted}.
     */
    private PrestartedChildren prestartedChildren(Path root) {
        Path filesRoot = prestartedFiles();
        ExtensionConfig like = config.prestartedLike() != null
                ? config.prestartedLike()
                : ExtensionConfig.builder("prestarted")
                        .modulePath(root)
                        .isolated(true)
                        .build();
        return new PrestartedChildren(
                config.prestartedChildren(),
                shapeOf(like),
                shape -> PrestartedChild.start(shape, archives, sandboxLinks, filesRoot));
    }

    /** Starts the prestarted children, if the manager keeps any, in the background. */
    public void startPrestarted() {
        if (prestarted != null) {
            prestarted.fill();
        }
    }

    /**
     * Ends the prestarted children nobody took, in parallel.
     *
     * @return completes once they are gone
     */
    public CompletableFuture<Void> closePrestarted() {
        return prestarted == null ? CompletableFuture.completedFuture(null) : prestarted.close();
    }

    /** Lets go of the hard-linked class paths this manager's children used, once they are all gone. */
    public void releaseLinks() {
        sandboxLinks.release();
    }

    /** The JVM and sandbox a child of {@code extension} gets, before it knows the extension. */
    private ChildShape shapeOf(ExtensionConfig extension) {
        return new ChildShape(
                extension.javaHome(),
                jvmArgs(extension),
                MemoryOptions.environment(extension.env()),
                extension.isolated() ? classPaths.runtime() : classPaths.host(extensionType),
                extension.isolated(),
                extension.sandbox(),
                extension.sharedMemory());
    }

    /**
     * Checks what can be checked at once: the module and the JDK exist, every api is a
     * {@code @ProxiedSingleton} interface with generated code.
     *
     * @param extension the extension's configuration
     * @throws IllegalArgumentException naming the bad value and what would be accepted
     */
    public void check(ExtensionConfig extension) {
        if (extension.modulePath() != null
                && !Files.isDirectory(extension.modulePath())
                && !Files.isRegularFile(extension.modulePath())) {
            throw new IllegalArgumentException("modulePath " + extension.modulePath() + " of extension '"
                    + extension.name() + "' does not exist; give the jar or classes directory of the extension");
        }
        if (!Files.isExecutable(extension.javaHome().resolve("bin").resolve("java"))) {
            throw new IllegalArgumentException("javaHome " + extension.javaHome() + " of extension '" + extension.name()
                    + "' holds no bin/java; give the home directory of a JDK or JRE");
        }
        // Its child would die at once with an UnsupportedClassVersionError of the runtime's own main.
        Optional<Runtime.Version> jdk = JdkOptions.version(extension.javaHome());
        if (jdk.isPresent() && jdk.get().feature() < OLDEST_CHILD_JAVA) {
            throw new IllegalArgumentException("javaHome " + extension.javaHome() + " of extension '" + extension.name()
                    + "' is Java " + jdk.get() + ", and an extension's JVM needs Java " + OLDEST_CHILD_JAVA
                    + " or later, as isolate4j's runtime does; give the home directory of a JDK or JRE "
                    + OLDEST_CHILD_JAVA + " or later");
        }
        for (Class<?> api : extension.apis()) {
            if (!api.isInterface() || !api.isAnnotationPresent(ProxiedSingleton.class)) {
                throw new IllegalArgumentException("api " + api.getName() + " of extension '" + extension.name()
                        + "' is not an interface annotated @ProxiedSingleton");
            }
            RemoteInterfaces.of(api);
        }
    }

    /**
     * Plans the extension's launch; resolves an isolated extension's dependencies, or reuses those
     * recorded.
     *
     * @param extension the extension's configuration, {@linkplain #check checked}
     * @return the launch
     */
    ExtensionLauncher.Launch plan(ExtensionConfig extension) {
        // A debugged child and one in a cgroup are set up at their start: none started ahead fits.
        ChildShape shape = debugOf(extension) == null && extension.hardLimits().isNone() ? shapeOf(extension) : null;
        EarlyChild early = extension.isolated() ? startEarly(extension, shape) : null;
        Environments.Prepared environment;
        try {
            environment = extension.isolated() ? environmentOf(extension) : null;
        } catch (RuntimeException e) {
            if (early != null) {
                early.discard();
            }
            throw e;
        }
        Path classPathFile = environment == null ? null : Environments.classPathFile(environment.directory());
        return new ExtensionLauncher.Launch(
                extension.name(),
                extension.javaHome(),
                jvmArgs(extension),
                MemoryOptions.environment(extension.env()),
                // An isolated child starts with the runtime alone; its extension gets its own loader.
                environment != null ? classPaths.runtime() : classPaths.host(extensionType),
                environment != null ? environment.module() : extension.modulePath(),
                environment == null && moduleFirst(extension),
                classPathFile,
                environment == null ? List.of() : environment.classPath(),
                extension.apis().stream().map(Class::getName).toList(),
                extension.sandbox(),
                new LaunchSettings(
                        config.startTimeout(),
                        config.stopTimeout(),
                        extension.callTimeout(),
                        config.maxFrameBytes(),
                        extension.sharedMemory(),
                        MemoryOptions.effectiveMaxHeap(extension.maxHeap(), extension.jvmArgs()),
                        extension.hardLimits(),
                        extension.healthCheck(),
                        debugOf(extension),
                        interceptors,
                        environment == null ? classPathInterceptors : List.of()),
                archives,
                sandboxLinks,
                shape,
                prestarted,
                early);
    }

    /**
     * Whether the child of a non-isolated extension may look in its module before its class path:
     * when the module is a jar of which no class is on the host's class path, which the child's is.
     */
    private boolean moduleFirst(ExtensionConfig extension) {
        return extension.modulePath() != null
                && !moduleOverlap.sharesClasses(extension.modulePath(), extensionType.getClassLoader());
    }

    /**
     * Starts the child of an isolated extension whose environment is not recorded yet, so that its
     * JVM starts while the resolver runs; {@code null} when the environment is recorded, a
     * prestarted child waits, or the child cannot be started ahead (the launch then starts one).
     */
    private EarlyChild startEarly(ExtensionConfig extension, ChildShape shape) {
        if (shape == null
                || (prestarted != null && prestarted.hasWaiting(shape))
                || Environments.isRecorded(config.envRootPath(), specOf(extension))) {
            return null;
        }
        try {
            return new EarlyChild(PrestartedChild.start(shape, archives, sandboxLinks, prestartedFiles()));
        } catch (IOException | RuntimeException e) {
            log.debug("extension '{}': cannot start its child ahead of its environment", extension.name(), e);
            return null;
        }
    }

    private Path prestartedFiles() {
        return config.envRootPath().resolve(".prestarted");
    }

    /** The config's debug setting, else the one the system property gives this extension. */
    private static Debug debugOf(ExtensionConfig extension) {
        if (extension.debug() != null) {
            return extension.debug();
        }
        return Debug.fromProperty(System.getProperty(Debug.PROPERTY), extension.name())
                .orElse(null);
    }

    /** The memory, JIT and class-sharing defaults, then the user's own options, which win. */
    private static List<String> jvmArgs(ExtensionConfig extension) {
        // One read of the JDK's release file for the options that depend on its version.
        Optional<Runtime.Version> jdk = JdkOptions.version(extension.javaHome());
        List<String> jvmArgs = new ArrayList<>(MemoryOptions.forChild(jdk, extension.maxHeap()));
        jvmArgs.addAll(CompileOptions.forChild());
        jvmArgs.addAll(ClassSharingOptions.forChild(jdk));
        jvmArgs.addAll(extension.jvmArgs());
        return jvmArgs;
    }

    private Environments.Prepared environmentOf(ExtensionConfig extension) {
        return Environments.prepare(
                config.envRootPath(), specOf(extension), config.localRepository(), config.resolutionListener());
    }

    private static Environments.Spec specOf(ExtensionConfig extension) {
        return new Environments.Spec(
                extension.name(),
                extension.modulePath(),
                extension.artifact(),
                extension.dependencies(),
                extension.repositories(),
                extension.javaHome());
    }
}
