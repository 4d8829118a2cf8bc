package dev.isolate4j.internal.plugin;

/** Why a plugin is not loaded, in a message that names its jar and, for a descriptor, the entry. */
public final class PluginRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    PluginRefusal(String message) {
        super(message);
    }

    PluginRefusal(String message, Throwable cause) {
        super(message, cause);
    }
}
