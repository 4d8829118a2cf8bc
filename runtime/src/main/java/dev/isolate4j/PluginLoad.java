package dev.isolate4j;

import java.nio.file.Path;

/**
 * What became of one jar of a plugin directory ({@link ExtensionManager#loadPlugins}): loaded, with
 * its proxy, or refused, with the reason in isolate4j's words (naming the jar and, for a
 * descriptor, the entry).
 *
 * <pre>{@code
 * for (PluginLoad<TextPlugin> load : manager.loadPlugins(Path.of("plugins"), PluginPolicy.defaults())) {
 *     if (load.loaded()) {
 *         System.out.println(load.name() + ": " + load.extension().transform("hi"));
 *     } else {
 *         System.err.println("refused " + load.jar() + ": " + load.refusal());
 *     }
 * }
 * }</pre>
 *
 * @param <T> the manager's extension interface
 * @param jar the plugin's jar
 * @param name the name its descriptor gives, or {@code null} when the descriptor could not be read
 * @param extension a proxy to the loaded extension, or {@code null} when refused
 * @param refusal why it was not loaded, or {@code null} when loaded
 */
public record PluginLoad<T>(Path jar, String name, T extension, String refusal) {

    /**
     * A plugin that loaded.
     *
     * @param <T> the manager's extension interface
     * @param jar see {@link #jar()}
     * @param name see {@link #name()}
     * @param extension see {@link #extension()}
     * @return the result
     */
    public static <T> PluginLoad<T> loaded(Path jar, String name, T extension) {
        return new PluginLoad<>(jar, name, extension, null);
    }

    /**
     * A plugin that was refused.
     *
     * @param <T> the manager's extension interface
     * @param jar see {@link #jar()}
     * @param name see {@link #name()}, or {@code null}
     * @param refusal see {@link #refusal()}
     * @return the result
     */
    public static <T> PluginLoad<T> refused(Path jar, String name, String refusal) {
        return new PluginLoad<>(jar, name, null, refusal);
    }

    /** {@return whether the plugin loaded} */
    public boolean loaded() {
        return refusal == null;
    }
}
