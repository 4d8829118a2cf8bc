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
 * @param modulePath the jar or classes directory that holds the extension class
 * @param isolated {@code false}: the child runs on the host's class path, and {@code dependencies}
 *     must be empty; {@code true}: the extension runs on a class path of its own, made of {@code
 *     modulePath} and its resolved {@code dependencies}, and sees nothing of the host's but
 *     isolate4j's API
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
 */
public record ExtensionConfig(
        String name,
        Path modulePath,
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
        SandboxConfig sandbox) {

    public ExtensionConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("extension name must not be blank, was '" + name + "'");
        }
        Objects.requireNonNull(modulePath, () -> "modulePath of extension '" + name + "'");
        dependencies = List.copyOf(dependencies);
        apis = List.copyOf(apis);
        jvmArgs = List.copyOf(jvmArgs);
        Objects.requireNonNull(javaHome, "javaHome");
        env = Map.copyOf(env);
        ExtensionManagerConfig.requirePositive(callTimeout, "callTimeout");
        Objects.requireNonNull(restartPolicy, "restartPolicy");
        repositories = List.copyOf(repositories);
        Objects.requireNonNull(sandbox, "sandbox");
        ConfigChecks.dependencies(name, dependencies);
        ConfigChecks.repositories(name, repositories);
        if (!isolated && !dependencies.isEmpty()) {
            throw new IllegalArgumentException("extension '" + name + "' is not isolated but lists dependencies "
                    + dependencies + ": a non-isolated extension runs on the host's class path; set isolated(true)"
                    + " or remove the dependencies");
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link ExtensionConfig}; {@link #modulePath} is required. */
    public static final class Builder {
        private final String name;
        private Path modulePath;
        private boolean isolated;
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

        private Builder(String name) {
            this.name = name;
        }

        public Builder modulePath(Path modulePath) {
            this.modulePath = modulePath;
            return this;
        }

        public Builder isolated(boolean isolated) {
            this.isolated = isolated;
            return this;
        }

        public Builder dependencies(List<String> dependencies) {
            this.dependencies = dependencies;
            return this;
        }

        public Builder apis(Class<?>... apis) {
            this.apis = List.of(apis);
            return this;
        }

        public Builder jvmArgs(List<String> jvmArgs) {
            this.jvmArgs = jvmArgs;
            return this;
        }

        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder restartPolicy(RestartPolicy restartPolicy) {
            this.restartPolicy = restartPolicy;
            return this;
        }

        public Builder dependencies(String... dependencies) {
            return dependencies(List.of(dependencies));
        }

        public Builder sandbox(SandboxConfig sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        public Builder sharedMemory(boolean sharedMemory) {
            this.sharedMemory = sharedMemory;
            return this;
        }

        public Builder repositories(List<String> repositories) {
            this.repositories = repositories;
            return this;
        }

        public ExtensionConfig build() {
            return new ExtensionConfig(
                    name,
                    modulePath,
                    isolated,
                    dependencies,
                    apis,
                    jvmArgs,
                    javaHome,
                    env,
                    callTimeout,
                    restartPolicy,
                    repositories,
                    sharedMemory,
                    sandbox);
        }
    }
}
