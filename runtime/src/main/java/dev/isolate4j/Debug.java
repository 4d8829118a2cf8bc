package dev.isolate4j;

import java.util.Optional;

/**
 * Starts an extension's child with a JDWP agent, for a debugger to attach to on the host's loopback
 * address. It works with the sandbox on: a sandboxed child has no network of its own, so its agent
 * is reached through the child's private socket directory, and the host listens on {@code
 * 127.0.0.1} alone. The log says where to attach, and {@link ExtensionHandle#debugPort()} returns
 * the port.
 *
 * <pre>{@code
 * ExtensionConfig.builder("ocr").modulePath(jar).debug(Debug.onPort(5005).suspended()).build();
 * }</pre>
 *
 * <p>Without a code change: start the host with {@code -Disolate4j.debug=ocr} (any free port) or
 * {@code -Disolate4j.debug=ocr:5005}.
 *
 * @param port the host's port for the debugger, 1–65535; 0: a free one, chosen at each start
 * @param suspend whether the extension waits for the debugger before it is loaded (its hooks
 *     included); the load then waits as long as it takes, whatever the start timeout
 */
public record Debug(int port, boolean suspend) {
    /** The system property that turns debugging on for one extension without a code change. */
    public static final String PROPERTY = "isolate4j.debug";

    /**
     * Checks the port.
     *
     * @param port see {@link #port()}
     * @param suspend see {@link #suspend()}
     * @throws IllegalArgumentException when the port is not 0–65535
     */
    public Debug {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a debug port is 1-65535, or 0 for a free one; was " + port);
        }
    }

    /**
     * A debugger port of the host's choosing; see {@link ExtensionHandle#debugPort()}.
     *
     * @return the setting, not suspended
     */
    public static Debug anyPort() {
        return new Debug(0, false);
    }

    /**
     * The debugger attaches to {@code port} on {@code 127.0.0.1}.
     *
     * @param port 1–65535
     * @return the setting, not suspended
     */
    public static Debug onPort(int port) {
        return new Debug(port, false);
    }

    /**
     * This setting, with the extension waiting for its debugger before it is loaded.
     *
     * @return the setting
     */
    public Debug suspended() {
        return new Debug(port, true);
    }

    /**
     * The setting that {@link #PROPERTY} gives the extension named {@code extension}: {@code
     * <name>} or {@code <name>:<port>}.
     *
     * @param property the property's value, or {@code null}
     * @param extension the extension's name
     * @return the setting, or empty when the property names another extension or is not set
     * @throws IllegalArgumentException when the property names this extension with a port that is
     *     not a number in range
     */
    public static Optional<Debug> fromProperty(String property, String extension) {
        if (property == null || property.isBlank()) {
            return Optional.empty();
        }
        String value = property.strip();
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (!name.equals(extension)) {
            return Optional.empty();
        }
        if (colon < 0) {
            return Optional.of(anyPort());
        }
        String port = value.substring(colon + 1);
        try {
            return Optional.of(onPort(Integer.parseInt(port)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + property + ": '" + port + "' is not a port;"
                    + " accepted: <extension name> or <extension name>:<port>, e.g. " + extension + ":5005");
        }
    }
}
