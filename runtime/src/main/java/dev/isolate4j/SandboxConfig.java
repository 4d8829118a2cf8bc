package dev.isolate4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox an extension's JVM runs in, on Linux with bubblewrap ({@code bwrap}, Debian package
 * {@code bubblewrap}). The file system is denied by default: the child sees the system's libraries,
 * the JDK, the runtime, its module and its environment read-only, a private {@code /tmp}, and
 * nothing of the host's home; it may write only to {@code writablePaths}. It has no network unless
 * {@code network} is set, and it dies with its parent.
 *
 * <pre>{@code
 * ExtensionConfig.builder("ocr")
 *     .modulePath(jar)
 *     .sandbox(SandboxConfig.builder()
 *         .mode(SandboxMode.REQUIRED)
 *         .writablePaths(List.of(Path.of("/var/cache/ocr")))
 *         .build())
 *     .build();
 * }</pre>
 *
 * @param mode whether to use the sandbox (default {@link SandboxMode#AUTO})
 * @param writablePaths paths the extension may write (bound read-write)
 * @param readOnlyPaths further paths the extension may read
 * @param network whether the extension may open network connections (default false)
 */
public record SandboxConfig(SandboxMode mode, List<Path> writablePaths, List<Path> readOnlyPaths, boolean network) {

    /**
     * Checks the values and copies the lists.
     *
     * @param mode see {@link #mode()}
     * @param writablePaths see {@link #writablePaths()}
     * @param readOnlyPaths see {@link #readOnlyPaths()}
     * @param network see {@link #network()}
     * @throws IllegalArgumentException when a path is relative
     */
    public SandboxConfig {
        Objects.requireNonNull(mode, "mode");
        writablePaths = List.copyOf(writablePaths);
        readOnlyPaths = List.copyOf(readOnlyPaths);
        for (Path path : writablePaths) {
            requireAbsolute(path, "writable");
        }
        for (Path path : readOnlyPaths) {
            requireAbsolute(path, "read-only");
        }
        writablePaths = ConfigChecks.absolute(writablePaths);
        readOnlyPaths = ConfigChecks.absolute(readOnlyPaths);
    }

    /** {@return the default} Sandboxed when bubblewrap is usable, no network, nothing writable. */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    /** {@return a config without sandbox} */
    public static SandboxConfig disabled() {
        return builder().mode(SandboxMode.DISABLED).build();
    }

    /**
     * Starts a config with the defaults listed above.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireAbsolute(Path path, String kind) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(kind + " sandbox path " + path + " is relative; give an absolute path");
        }
    }

    /** Builds a {@link SandboxConfig}. */
    public static final class Builder {
        private SandboxMode mode = SandboxMode.AUTO;
        private List<Path> writablePaths = List.of();
        private List<Path> readOnlyPaths = List.of();
        private boolean network;

        private Builder() {}

        /**
         * Sets {@link SandboxConfig#mode()}.
         *
         * @param mode see {@link SandboxConfig#mode()}
         * @return this builder
         */
        public Builder mode(SandboxMode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * Sets {@link SandboxConfig#writablePaths()}.
         *
         * @param writablePaths see {@link SandboxConfig#writablePaths()}
         * @return this builder
         */
        public Builder writablePaths(List<Path> writablePaths) {
            this.writablePaths = writablePaths;
            return this;
        }

        /**
         * Sets {@link SandboxConfig#readOnlyPaths()}.
         *
         * @param readOnlyPaths see {@link SandboxConfig#readOnlyPaths()}
         * @return this builder
         */
        public Builder readOnlyPaths(List<Path> readOnlyPaths) {
            this.readOnlyPaths = readOnlyPaths;
            return this;
        }

        /**
         * Sets {@link SandboxConfig#network()}.
         *
         * @param network see {@link SandboxConfig#network()}
         * @return this builder
         */
        public Builder network(boolean network) {
            this.network = network;
            return this;
        }

        /**
         * Creates the config.
         *
         * @return the config
         * @throws IllegalArgumentException when a path is relative
         */
        public SandboxConfig build() {
            return new SandboxConfig(mode, writablePaths, readOnlyPaths, network);
        }
    }
}
