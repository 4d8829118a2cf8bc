package dev.isolate4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to load one extension.
 *
 * <pre>{@code
 * ExtensionConfig config = ExtensionConfig.builder("greeter")
 *     .modulePath(Path.of("extensions/greeter.jar"))
 *     .apis(Counter.class)
 *     .callTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * @param name a unique name among the manager's extensions; it names the extension's directory,
 *     threads and log lines
 * @param modulePath the jar or classes directory that holds the extension class; {@code null} when
 *     {@code artifact} is given. An isolated jar given without {@code dependencies} that carries the
 *     POM Maven built it with ({@code META-INF/maven/<group>/<artifact>/pom.xml}) gets that POM's
 *     runtime dependencies, resolved as Maven would (parent and imports included)
 * @param artifact Maven coordinates {@code group:artifact[:ext[:classifier]]:version} of the
 *     extension's jar, which is resolved with its runtime dependencies instead of being given as
 *     {@code modulePath}; implies {@code isolated}; {@code null} when {@code modulePath} is given
 * @param isolated {@code false}: the child runs on the host's class path, and {@code dependencies}
 *     must be empty; {@code true}: the extension runs on a class path of its own, made of {@code
 *     modulePath} and its resolved {@code dependencies} (or those of its {@code artifact}, or of its
 *     jar's own POM), and sees nothing of the host's but isolate4j's API; default {@code false},
 *     {@code true} with an {@code artifact}
 * @param dependencies Maven coordinates {@code group:artifact[:ext[:classifier]]:version} of the
 *     extension's own dependencies, for {@code isolated} extensions
 * @param apis {@code @ProxiedSingleton} interfaces the extension may use: {@code
 *     ProxiedSingletons.get} returns a proxy to the host's instance for each
 * @param jvmArgs options for the child JVM, e.g. {@code -Xmx256m}
 * @param javaHome the JDK that runs the child; default: the host's
 * @param env environment variables added to the child's
 * @param callTimeout the longest a call, either way, waits for its result (default 60 s); {@link
 *     Remote#withTimeout} overrides it for one proxy
 * @param restartPolicy what to do when the extension's process dies without being stopped (default
 *     {@link RestartPolicy#never()})
 * @param sharedMemory whether {@link SharedBuffer}s may be passed to and from the extension, as
 *     handles to memory both processes map (default false: they are refused with an error)
 * @param sandbox the bubblewrap sandbox the child runs in (default {@link SandboxConfig#defaults()}:
 *     sandboxed when bubblewrap is usable, no network)
 * @param repositories URLs ({@code https:}, {@code http:} or {@code file:}) of Maven repositories
 *     searched before Maven Central and those of {@code settings.xml}, for isolated extensions
 * @param maxHeap the child's maximum heap in the JVM's syntax ({@code "256m"}, {@code "2g"}; default
 *     {@value #DEFAULT_MAX_HEAP}); an {@code -Xmx} in {@code jvmArgs} wins. A child that runs out of
 *     it ends at once, and its pending calls fail with an {@link ExtensionTerminatedException} that
 *     says "out of memory" and names the limit; an argument too large for it fails its call alone
 * @param idleTimeout how long the child may have no call in progress before it is stopped to free
 *     its memory; the next call through any proxy of the extension starts it again, and its hooks
 *     run again ({@link ExtensionState#IDLE}); {@code null} (the default): never
 * @param hardLimits limits on the child's whole memory, CPU time and processes, enforced by the
 *     kernel through cgroups (default {@link HardLimits#none()}); where they cannot be had, the load
 *     fails and says why
 * @param healthCheck how a child that stops answering is noticed, and what is done about it
 *     (default {@link HealthCheck#DEFAULT}: logged after 30 s of silence)
 * @param debug a JDWP agent for a debugger to attach to, or {@code null} (the default: none, unless
 *     the system property {@value Debug#PROPERTY} names the extension)
 */
public record ExtensionConfig(
        String name,
        Path modulePath,
        String artifact,
        boolean isolated,
        List<String> dependencies,
        List<Class<?>> apis,
        List<String> jvmArgs,
        Path javaHome,
        Map<String, String> env,
        Duration callTimeout,
        RestartPolicy restartPolicy,
        List<String> repositories,
        boolean sharedMemory,
        SandboxConfig sandbox,
        String maxHeap,
        Duration idleTimeout,
        HardLimits hardLimits,
        HealthCheck healthCheck,
        Debug debug) {

    /** Default {@link #maxHeap()}. */
    public static final String DEFAULT_MAX_HEAP = "512m";

    /**
     * Checks the values and copies the collections.
     *
     * @param name see {@link #name()}
     * @param modulePath see {@link #modulePath()}
     * @param artifact see {@link #artifact()}
     * @param isolated see {@link #isolated()}
     * @param dependencies see {@link #dependencies()}
     * @param apis see {@link #apis()}
     * @param jvmArgs see {@link #jvmArgs()}
     * @param javaHome see {@link #javaHome()}
     * @param env see {@link #env()}
     * @param callTimeout see {@link #callTimeout()}
     * @param restartPolicy see {@link #restartPolicy()}
     * @param repositories see {@link #repositories()}
     * @param sharedMemory see {@link #sharedMemory()}
     * @param sandbox see {@link #sandbox()}
     * @param maxHeap see {@link #maxHeap()}
     * @param idleTimeout see {@link #idleTimeout()}
     * @param hardLimits see {@link #hardLimits()}
     * @param healthCheck see {@link #healthCheck()}
     * @param debug see {@link #debug()}
     * @throws IllegalArgumentException when {@code name} is blank, {@code callTimeout} is not positive,
     *     a dependency or repository is malformed, a non-isolated extension lists dependencies, or not
     *     exactly one of {@code modulePath} and {@code artifact} is given
     * @throws NullPointerException when a required value is null
     */
    public ExtensionConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("extension name must not be blank, was '" + name + "'");
        }
        ConfigChecks.module(name, modulePath, artifact, isolated);
        // Once, here: the sandbox binds and the child opens this very path, whatever the working directory.
        modulePath = modulePath == null ? null : ConfigChecks.absolute(modulePath);
        dependencies = List.copyOf(dependencies);
        apis = List.copyOf(apis);
        jvmArgs = List.copyOf(jvmArgs);
        javaHome = ConfigChecks.absolute(Objects.requireNonNull(javaHome, "javaHome"));
        env = Map.copyOf(env);
        ExtensionManagerConfig.requirePositive(callTimeout, "callTimeout");
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        repositories = List.copyOf(repositories);
        Objects.requireNonNull(sandbox, "sandbox");
        long heapBytes = ConfigChecks.heapSize(name, "maxHeap", maxHeap);
        Objects.requireNonNull(hardLimits, "hardLimits");
        Objects.requireNonNull(healthCheck, "healthCheck");
        if (hardLimits.memoryBytes() > 0 && heapBytes >= hardLimits.memoryBytes()) {
            throw new IllegalArgumentException("extension '" + name + "': maxHeap " + maxHeap
                    + " does not fit in its hard memory limit (" + hardLimits
                    + "): the JVM needs room beside its heap; give a maxHeap of about three quarters of the limit");
        }
        if (idleTimeout != null) {
            ExtensionManagerConfig.requirePositive(idleTimeout, "idleTimeout");
        }
        ConfigChecks.dependencies(name, dependencies);
        ConfigChecks.repositories(name, repositories);
        if (!isolated && !dependencies.isEmpty()) {
            throw new IllegalArgumentException("extension '" + name + "' is not isolated but lists dependencies "
                    + dependencies + ": a non-isolated extension runs on the host's class path; set isolated(true)"
                    + " or remove the dependencies");
        }
    }

    /**
     * Starts a config for the extension named {@code name}.
     *
     * @param name see {@link #name()}
     * @return a builder with the defaults listed above
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link ExtensionConfig}; one of {@link #modulePath} and {@link #artifact} is required. */
    public static final class Builder {
        private final String name;
        private Path modulePath;
        private String artifact;
        /** {@code null} until set: an artifact is isolated unless told otherwise, a module path is not. */
        private Boolean isolated;

        private List<String> dependencies = List.of();
        private List<Class<?>> apis = List.of();
        private List<String> jvmArgs = List.of();
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Map<String, String> env = Map.of();
        private Duration callTimeout = Duration.ofSeconds(60);
        private RestartPolicy restartPolicy = RestartPolicy.never();
        private List<String> repositories = List.of();
        private boolean sharedMemory;
        private SandboxConfig sandbox = SandboxConfig.defaults();
        private String maxHeap = DEFAULT_MAX_HEAP;
        private Duration idleTimeout;
        private HealthCheck healthCheck = HealthCheck.DEFAULT;
        private Debug debug;
        private HardLimits hardLimits = HardLimits.none();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets {@link ExtensionConfig#modulePath()}.
         *
         * @param modulePath see {@link ExtensionConfig#modulePath()}
         * @return this builder
         */
        public Builder modulePath(Path modulePath) {
            this.modulePath = modulePath;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#artifact()}: the extension's jar and its runtime dependencies
         * come from Maven, instead of a {@link #modulePath}.
         *
         * <pre>{@code
         * manager.loadExtension(ExtensionConfig.builder("ocr")
         *     .artifact("com.acme:ocr-plugin:1.2")
         *     .repositories(List.of("https://repo.acme.com/maven2/"))
         *     .build());
         * }</pre>
         *
         * @param artifact see {@link ExtensionConfig#artifact()}
         * @return this builder
         */
        public Builder artifact(String artifact) {
            this.artifact = artifact;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#isolated()}.
         *
         * @param isolated see {@link ExtensionConfig#isolated()}
         * @return this builder
         */
        public Builder isolated(boolean isolated) {
            this.isolated = isolated;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#dependencies()}.
         *
         * @param dependencies see {@link ExtensionConfig#dependencies()}
         * @return this builder
         */
        public Builder dependencies(List<String> dependencies) {
            this.dependencies = dependencies;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#apis()}.
         *
         * @param apis see {@link ExtensionConfig#apis()}
         * @return this builder
         */
        public Builder apis(Class<?>... apis) {
            this.apis = List.of(apis);
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#jvmArgs()}.
         *
         * @param jvmArgs see {@link ExtensionConfig#jvmArgs()}
         * @return this builder
         */
        public Builder jvmArgs(List<String> jvmArgs) {
            this.jvmArgs = jvmArgs;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#javaHome()}.
         *
         * @param javaHome see {@link ExtensionConfig#javaHome()}
         * @return this builder
         */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#env()}.
         *
         * @param env see {@link ExtensionConfig#env()}
         * @return this builder
         */
        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#callTimeout()}.
         *
         * @param callTimeout see {@link ExtensionConfig#callTimeout()}
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#restartPolicy()}.
         *
         * @param restartPolicy see {@link ExtensionConfig#restartPolicy()}
         * @return this builder
         */
        public Builder restartPolicy(RestartPolicy restartPolicy) {
            this.restartPolicy = restartPolicy;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#dependencies()}, from varargs.
         *
         * @param dependencies see {@link ExtensionConfig#dependencies()}
         * @return this builder
         */
        public Builder dependencies(String... dependencies) {
            return dependencies(List.of(dependencies));
        }

        /**
         * Sets {@link ExtensionConfig#sandbox()}.
         *
         * @param sandbox see {@link ExtensionConfig#sandbox()}
         * @return this builder
         */
        public Builder sandbox(SandboxConfig sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#sharedMemory()}.
         *
         * @param sharedMemory see {@link ExtensionConfig#sharedMemory()}
         * @return this builder
         */
        public Builder sharedMemory(boolean sharedMemory) {
            this.sharedMemory = sharedMemory;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#repositories()}.
         *
         * @param repositories see {@link ExtensionConfig#repositories()}
         * @return this builder
         */
        public Builder repositories(List<String> repositories) {
            this.repositories = repositories;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#maxHeap()}.
         *
         * <pre>{@code
         * ExtensionConfig.builder("ocr").modulePath(jar).maxHeap("1g").build();
         * }</pre>
         *
         * @param maxHeap see {@link ExtensionConfig#maxHeap()}
         * @return this builder
         */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#idleTimeout()}.
         *
         * <pre>{@code
         * ExtensionConfig.builder("ocr").modulePath(jar).idleTimeout(Duration.ofMinutes(5)).build();
         * }</pre>
         *
         * @param idleTimeout see {@link ExtensionConfig#idleTimeout()}; {@code null}: never
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#debug()}.
         *
         * <pre>{@code
         * ExtensionConfig.builder("ocr").modulePath(jar).debug(Debug.anyPort()).build();
         * }</pre>
         *
         * @param debug see {@link ExtensionConfig#debug()}; {@code null}: none
         * @return this builder
         */
        public Builder debug(Debug debug) {
            this.debug = debug;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#healthCheck()}.
         *
         * <pre>{@code
         * ExtensionConfig.builder("ocr")
         *     .modulePath(jar)
         *     .healthCheck(HealthCheck.every(Duration.ofSeconds(5)).restartWhenUnresponsive())
         *     .build();
         * }</pre>
         *
         * @param healthCheck see {@link ExtensionConfig#healthCheck()}
         * @return this builder
         */
        public Builder healthCheck(HealthCheck healthCheck) {
            this.healthCheck = healthCheck;
            return this;
        }

        /**
         * Sets {@link ExtensionConfig#hardLimits()}.
         *
         * <pre>{@code
         * ExtensionConfig.builder("ocr")
         *     .modulePath(jar)
         *     .hardLimits(HardLimits.builder().memory("768m").cpus(1.5).processes(256).build())
         *     .build();
         * }</pre>
         *
         * @param hardLimits see {@link ExtensionConfig#hardLimits()}
         * @return this builder
         */
        public Builder hardLimits(HardLimits hardLimits) {
            this.hardLimits = hardLimits;
            return this;
        }

        /**
         * Creates the config.
         *
         * @return the config
         * @throws IllegalArgumentException when a value is invalid, e.g. {@code dependencies} for an
         *     extension that is not isolated
         */
        public ExtensionConfig build() {
            return new ExtensionConfig(
                    name,
                    modulePath,
                    artifact,
                    isolated != null ? isolated : artifact != null,
                    dependencies,
                    apis,
                    jvmArgs,
                    javaHome,
                    env,
                    callTimeout,
                    restartPolicy,
                    repositories,
                    sharedMemory,
                    sandbox,
                    maxHeap,
                    idleTimeout,
                    hardLimits,
                    healthCheck,
                    debug);
        }
    }
}
