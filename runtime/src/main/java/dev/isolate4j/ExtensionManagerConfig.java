package dev.isolate4j;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings shared by all extensions of one {@link ExtensionManager}.
 *
 * <pre>{@code
 * ExtensionManagerConfig config = ExtensionManagerConfig.builder()
 *     .envRootPath(Path.of("build/extensions"))
 *     .build();
 * }</pre>
 *
 * @param envRootPath the directory that holds one sub-directory per extension; created when
 *     missing, and it must be writable. It also holds {@code .class-data} (see {@code
 *     classDataSharing}) and {@code .sandbox-links}, the hard links through which sandboxed children
 *     read their class-path jars (a class path no start used for 30 days loses its links). Keep it
 *     out of every extension's writable paths.
 * @param startTimeout how long {@code loadExtension} waits for the child to connect and run its
 *     hooks (default 60 s)
 * @param stopTimeout how long a stop waits for the child to exit before ending it forcibly (default
 *     5 s)
 * @param maxFrameBytes the largest frame either side accepts, checked before anything is allocated
 *     (default 1 GiB)
 * @param localRepository the Maven local repository isolated extensions' dependencies are resolved
 *     into; {@code null} (the default) means the one {@code settings.xml} names, as {@code mvn} does
 * @param resolutionListener receives download progress while dependencies are resolved; {@code
 *     null} (the default): progress goes to the log only
 * @param classDataSharing whether child JVMs share an archive of their classes, kept under {@code
 *     envRootPath/.class-data}: the first child records what it loads, a background JVM dumps the
 *     archive, later children start faster (default {@code true}; only class paths made of jars
 *     can be archived)
 * @param maxRunningChildren the most child JVMs this manager keeps running; beyond it, loading or
 *     waking an extension stops the one whose last call ended longest ago, never one with a call
 *     in progress (it becomes {@link ExtensionState#IDLE}, and its next call starts it again).
 *     0 (the default): no limit
 * @param interceptors see every call the host makes to its extensions and serves for them, in this
 *     order, after those {@link java.util.ServiceLoader} finds on the host's class path (default:
 *     none besides those)
 * @param prestartedChildren how many started child JVMs the manager keeps waiting, holding no
 *     extension yet (default 0). A load or restart whose JVM matches theirs (java home, JVM options
 *     and maximum heap, environment variables, sandbox, isolation, shared memory) takes one and
 *     reaches its first result without waiting for a JVM to start; a replacement starts in the
 *     background, and {@link ExtensionManager#close()} ends those nobody took. A sandboxed
 *     prestarted child sees only what its extension needs: the extension's jars are hard-linked
 *     into a directory of its own, under {@code envRootPath/.prestarted}, which was bound empty when
 *     it started (an extension whose module is a classes directory, or whose jars cannot be
 *     hard-linked there, starts a child of its own). A debugged child and one with hard limits
 *     never take one
 * @param prestartedLike the extension whose JVM the prestarted children have; only its JVM settings
 *     count, not its name, module or dependencies. {@code null} (the default): an isolated extension
 *     with every JVM setting at its default
 */
public record ExtensionManagerConfig(
        Path envRootPath,
        Duration startTimeout,
        Duration stopTimeout,
        int maxFrameBytes,
        Path localRepository,
        ResolutionListener resolutionListener,
        boolean classDataSharing,
        int maxRunningChildren,
        List<CallInterceptor> interceptors,
        int prestartedChildren,
        ExtensionConfig prestartedLike) {

    /** Default {@link #maxFrameBytes}: 1 GiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 30;

    /**
     * Checks the values.
     *
     * @param envRootPath see {@link #envRootPath()}
     * @param startTimeout see {@link #startTimeout()}
     * @param stopTimeout see {@link #stopTimeout()}
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param localRepository see {@link #localRepository()}
     * @param resolutionListener see {@link #resolutionListener()}
     * @param classDataSharing see {@link #classDataSharing()}
     * @param maxRunningChildren see {@link #maxRunningChildren()}
     * @param interceptors see {@link #interceptors()}
     * @param prestartedChildren see {@link #prestartedChildren()}
     * @param prestartedLike see {@link #prestartedLike()}
     * @throws IllegalArgumentException when a timeout is not positive, {@code maxFrameBytes} is
     *     below 1024, or {@code maxRunningChildren} or {@code prestartedChildren} is negative
     * @throws NullPointerException when {@code envRootPath} or a timeout is null
     */
    public ExtensionManagerConfig {
        envRootPath = ConfigChecks.absolute(Objects.requireNonNull(envRootPath, "envRootPath"));
        localRepository = localRepository == null ? null : ConfigChecks.absolute(localRepository);
        requirePositive(startTimeout, "startTimeout");
        requirePositive(stopTimeout, "stopTimeout");
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
        }
        if (maxRunningChildren < 0) {
            throw new IllegalArgumentException(
                    "maxRunningChildren must be 0 (no limit) or more, was " + maxRunningChildren);
        }
        interceptors = List.copyOf(interceptors);
        if (prestartedChildren < 0) {
            throw new IllegalArgumentException(
                    "prestartedChildren must be 0 (none) or more, was " + prestartedChildren);
        }
    }

    /**
     * A config with class data sharing on and no limit of running children, as before {@link
     * #classDataSharing()} existed.
     *
     * @param envRootPath see {@link #envRootPath()}
     * @param startTimeout see {@link #startTimeout()}
     * @param stopTimeout see {@link #stopTimeout()}
     * @param maxFrameBytes see {@link #maxFrameBytes()}
     * @param localRepository see {@link #localRepository()}
     * @param resolutionListener see {@link #resolutionListener()}
     */
    public ExtensionManagerConfig(
            Path envRootPath,
            Duration startTimeout,
            Duration stopTimeout,
            int maxFrameBytes,
            Path localRepository,
            ResolutionListener resolutionListener) {
        this(
                envRootPath,
                startTimeout,
                stopTimeout,
                maxFrameBytes,
                localRepository,
                resolutionListener,
                true,
                0,
                List.of(),
                0,
                null);
    }

    /**
     * Starts a config with the defaults listed above.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    /** Builds an {@link ExtensionManagerConfig}; {@link #envRootPath} is required. */
    public static final class Builder {
        private Path envRootPath;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(5);
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private Path localRepository;
        private ResolutionListener resolutionListener;
        private boolean classDataSharing = true;
        private int maxRunningChildren;
        private List<CallInterceptor> interceptors = List.of();
        private int prestartedChildren;
        private ExtensionConfig prestartedLike;

        private Builder() {}

        /**
         * Sets {@link ExtensionManagerConfig#prestartedChildren()}: that many child JVMs of a
         * default isolated extension wait for loads.
         *
         * <pre>{@code
         * ExtensionManagerConfig config = ExtensionManagerConfig.builder()
         *     .envRootPath(root)
         *     .prestartedChildren(2)      // two JVMs wait; a load takes one, another starts
         *     .build();
         * Greeter greeter = manager.loadExtension(ExtensionConfig.builder("hello")
         *     .modulePath(Path.of("plugins/hello.jar"))
         *     .isolated(true)            // the default JVM of an isolated extension: matches
         *     .build());
         * }</pre>
         *
         * @param prestartedChildren see {@link ExtensionManagerConfig#prestartedChildren()}
         * @return this builder
         */
        public Builder prestartedChildren(int prestartedChildren) {
            this.prestartedChildren = prestartedChildren;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#prestartedChildren()} and the extension whose JVM they
         * have, {@link ExtensionManagerConfig#prestartedLike()}.
         *
         * <pre>{@code
         * ExtensionConfig ocr = ExtensionConfig.builder("ocr")
         *     .modulePath(Path.of("plugins/ocr.jar"))
         *     .maxHeap("1g")
         *     .build();
         * ExtensionManagerConfig config = ExtensionManagerConfig.builder()
         *     .envRootPath(root)
         *     .prestartedChildren(1, ocr)  // a JVM with a 1 GiB heap on the host's class path waits
         *     .build();
         * }</pre>
         *
         * @param prestartedChildren see {@link ExtensionManagerConfig#prestartedChildren()}
         * @param like see {@link ExtensionManagerConfig#prestartedLike()}
         * @return this builder
         */
        public Builder prestartedChildren(int prestartedChildren, ExtensionConfig like) {
            this.prestartedChildren = prestartedChildren;
            this.prestartedLike = like;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#maxRunningChildren()}.
         *
         * <pre>{@code
         * ExtensionManagerConfig.builder().envRootPath(root).maxRunningChildren(4).build();
         * }</pre>
         *
         * @param maxRunningChildren see {@link ExtensionManagerConfig#maxRunningChildren()}
         * @return this builder
         */
        public Builder maxRunningChildren(int maxRunningChildren) {
            this.maxRunningChildren = maxRunningChildren;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#interceptors()}.
         *
         * <pre>{@code
         * ExtensionManagerConfig.builder().envRootPath(root).interceptors(new RequestIds()).build();
         * }</pre>
         *
         * @param interceptors see {@link ExtensionManagerConfig#interceptors()}
         * @return this builder
         */
        public Builder interceptors(CallInterceptor... interceptors) {
            this.interceptors = List.of(interceptors);
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#classDataSharing()}.
         *
         * @param classDataSharing see {@link ExtensionManagerConfig#classDataSharing()}
         * @return this builder
         */
        public Builder classDataSharing(boolean classDataSharing) {
            this.classDataSharing = classDataSharing;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#localRepository()}.
         *
         * @param localRepository see {@link ExtensionManagerConfig#localRepository()}
         * @return this builder
         */
        public Builder localRepository(Path localRepository) {
            this.localRepository = localRepository;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#resolutionListener()}.
         *
         * @param resolutionListener see {@link ExtensionManagerConfig#resolutionListener()}
         * @return this builder
         */
        public Builder resolutionListener(ResolutionListener resolutionListener) {
            this.resolutionListener = resolutionListener;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#envRootPath()}.
         *
         * @param envRootPath see {@link ExtensionManagerConfig#envRootPath()}
         * @return this builder
         */
        public Builder envRootPath(Path envRootPath) {
            this.envRootPath = envRootPath;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#startTimeout()}.
         *
         * @param startTimeout see {@link ExtensionManagerConfig#startTimeout()}
         * @return this builder
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#stopTimeout()}.
         *
         * @param stopTimeout see {@link ExtensionManagerConfig#stopTimeout()}
         * @return this builder
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * Sets {@link ExtensionManagerConfig#maxFrameBytes()}.
         *
         * @param maxFrameBytes see {@link ExtensionManagerConfig#maxFrameBytes()}
         * @return this builder
         */
        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * Creates the config.
         *
         * @return the config
         * @throws IllegalArgumentException when a value is invalid
         */
        public ExtensionManagerConfig build() {
            return new ExtensionManagerConfig(
                    envRootPath,
                    startTimeout,
                    stopTimeout,
                    maxFrameBytes,
                    localRepository,
                    resolutionListener,
                    classDataSharing,
                    maxRunningChildren,
                    interceptors,
                    prestartedChildren,
                    prestartedLike);
        }
    }
}
