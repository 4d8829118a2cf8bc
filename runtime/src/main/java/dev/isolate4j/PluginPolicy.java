package dev.isolate4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the host lets the plugins of a directory ask for in their descriptors ({@link
 * ExtensionManager#loadPlugins}): a plugin that asks for more is refused, never granted less
 * silently, and what it is granted never exceeds this policy. The default allows nothing: no
 * network, nothing writable, no host singleton, heaps up to {@value ExtensionConfig#DEFAULT_MAX_HEAP}.
 *
 * <pre>{@code
 * PluginPolicy policy = PluginPolicy.builder()
 *     .network(false)
 *     .writableRoots(List.of(Path.of("/var/lib/myapp/plugins")))
 *     .maxHeap("1g")
 *     .apis(VisitLog.class)
 *     .repositories(List.of("https://repo.acme.com/maven2/"))
 *     .build();
 * }</pre>
 *
 * @param network whether a plugin may ask for the network ({@code network=true})
 * @param writableRoots directories under which a plugin's {@code writablePaths} must lie; none: a
 *     plugin may write nowhere
 * @param maxHeap the largest {@code maxHeap} a plugin may ask for, in the JVM's syntax; also the
 *     heap of a plugin that asks for none, when smaller than {@value ExtensionConfig#DEFAULT_MAX_HEAP}
 * @param apis the {@code @ProxiedSingleton} interfaces a plugin may ask for in {@code apis}
 * @param sandboxMode the sandbox mode of every plugin (default {@link SandboxMode#AUTO})
 * @param repositories Maven repositories (URLs) searched for every isolated plugin's dependencies,
 *     before {@code settings.xml}'s and Maven Central; a descriptor cannot add any
 */
public record PluginPolicy(
        boolean network,
        List<Path> writableRoots,
        String maxHeap,
        List<Class<?>> apis,
        SandboxMode sandboxMode,
        List<String> repositories) {

    /**
     * Checks the values and copies the lists.
     *
     * @param network see {@link #network()}
     * @param writableRoots see {@link #writableRoots()}
     * @param maxHeap see {@link #maxHeap()}
     * @param apis see {@link #apis()}
     * @param sandboxMode see {@link #sandboxMode()}
     * @param repositories see {@link #repositories()}
     * @throws IllegalArgumentException when a root is relative, the heap is malformed or below 32m,
     *     or a repository is not a URL
     */
    public PluginPolicy {
        writableRoots = List.copyOf(writableRoots);
        for (Path root : writableRoots) {
            if (!root.isAbsolute()) {
                throw new IllegalArgumentException("PluginPolicy: writable root " + root
                        + " is relative; give an absolute directory such as /var/lib/myapp/plugins");
            }
        }
        writableRoots = ConfigChecks.absolute(writableRoots);
        ConfigChecks.heapSize("(plugin policy)", "maxHeap", maxHeap);
        apis = List.copyOf(apis);
        Objects.requireNonNull(sandboxMode, "sandboxMode");
        repositories = List.copyOf(repositories);
        ConfigChecks.repositories("(plugin policy)", repositories);
    }

    /** {@return the policy that allows nothing beyond the defaults} */
    public static PluginPolicy defaults() {
        return builder().build();
    }

    /** {@return a builder with the defaults listed above} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PluginPolicy}. */
    public static final class Builder {
        private boolean network;
        private List<Path> writableRoots = List.of();
        private String maxHeap = ExtensionConfig.DEFAULT_MAX_HEAP;
        private List<Class<?>> apis = List.of();
        private SandboxMode sandboxMode = SandboxMode.AUTO;
        private List<String> repositories = List.of();

        private Builder() {}

        /**
         * Sets {@link PluginPolicy#network()}.
         *
         * @param network see {@link PluginPolicy#network()}
         * @return this builder
         */
        public Builder network(boolean network) {
            this.network = network;
            return this;
        }

        /**
         * Sets {@link PluginPolicy#writableRoots()}.
         *
         * @param writableRoots see {@link PluginPolicy#writableRoots()}
         * @return this builder
         */
        public Builder writableRoots(List<Path> writableRoots) {
            this.writableRoots = writableRoots;
            return this;
        }

        /**
         * Sets {@link PluginPolicy#maxHeap()}.
         *
         * @param maxHeap see {@link PluginPolicy#maxHeap()}
         * @return this builder
         */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /**
         * Sets {@link PluginPolicy#apis()}.
         *
         * @param apis see {@link PluginPolicy#apis()}
         * @return this builder
         */
        public Builder apis(Class<?>... apis) {
            this.apis = List.of(apis);
            return this;
        }

        /**
         * Sets {@link PluginPolicy#sandboxMode()}.
         *
         * @param sandboxMode see {@link PluginPolicy#sandboxMode()}
         * @return this builder
         */
        public Builder sandboxMode(SandboxMode sandboxMode) {
            this.sandboxMode = sandboxMode;
            return this;
        }

        /**
         * Sets {@link PluginPolicy#repositories()}.
         *
         * @param repositories see {@link PluginPolicy#repositories()}
         * @return this builder
         */
        public Builder repositories(List<String> repositories) {
            this.repositories = repositories;
            return this;
        }

        /**
         * Creates the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException when a value is invalid
         */
        public PluginPolicy build() {
            return new PluginPolicy(network, writableRoots, maxHeap, apis, sandboxMode, repositories);
        }
    }
}
