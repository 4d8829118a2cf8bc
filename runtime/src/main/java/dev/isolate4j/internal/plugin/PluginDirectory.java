package dev.isolate4j.internal.plugin;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionLoadException;
import dev.isolate4j.PluginLoad;
import dev.isolate4j.PluginPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins of one directory, one jar at a time in file-name order, each into a result of
 * its own: a refusal (unreadable jar, broken descriptor, more asked than the policy allows, a name
 * taken, a failed start) is logged and returned, and the next jar still loads.
 */
public final class PluginDirectory {
    private static final Logger log = LoggerFactory.getLogger(PluginDirectory.class);

    private PluginDirectory() {}

    /**
     * Loads the plugins of {@code directory}.
     *
     * @param <T> the manager's extension interface
     * @param directory the plugin directory
     * @param policy what descriptors may ask for
     * @param loader loads one extension (the manager's {@code loadExtension})
     * @return one result per jar, in file-name order
     * @throws IllegalArgumentException when {@code directory} is not a readable directory
     */
    public static <T> List<PluginLoad<T>> load(
            Path directory, PluginPolicy policy, Function<ExtensionConfig, T> loader) {
        PluginAdmission admission = new PluginAdmission(policy);
        Map<String, Path> names = new HashMap<>();
        List<PluginLoad<T>> loads = new ArrayList<>();
        for (Path jar : PluginJars.in(directory)) {
            PluginDescriptor descriptor;
            try {
                descriptor = PluginDescriptor.read(jar);
            } catch (PluginRefusal refusal) {
                loads.add(refused(jar, null, refusal.getMessage()));
                continue;
            }
            Path first = names.putIfAbsent(descriptor.name(), jar);
            if (first != null) {
                loads.add(refused(
                        jar,
                        descriptor.name(),
                        "plugin jar " + jar + ": " + PluginDescriptor.ENTRY + " gives name=" + descriptor.name()
                                + ", which plugin jar " + first + " took first; plugin names must be unique"));
                continue;
            }
            loads.add(loadOne(jar, descriptor, admission, loader));
        }
        return loads;
    }

    private static <T> PluginLoad<T> loadOne(
            Path jar, PluginDescriptor descriptor, PluginAdmission admission, Function<ExtensionConfig, T> loader) {
        try {
            T proxy = loader.apply(admission.admit(jar, descriptor));
            log.info("loaded plugin '{}' from {}", descriptor.name(), jar);
            return PluginLoad.loaded(jar, descriptor.name(), proxy);
        } catch (PluginRefusal refusal) {
            return refused(jar, descriptor.name(), refusal.getMessage());
        } catch (IllegalArgumentException | ExtensionLoadException e) {
            return refused(
                    jar,
                    descriptor.name(),
                    "plugin jar " + jar + " (name=" + descriptor.name() + "): " + e.getMessage());
        }
    }

    private static <T> PluginLoad<T> refused(Path jar, String name, String reason) {
        log.warn("refused plugin: {}", reason);
        return PluginLoad.refused(jar, name, reason);
    }
}
