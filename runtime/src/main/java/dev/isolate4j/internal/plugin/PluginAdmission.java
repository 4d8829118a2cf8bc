package dev.isolate4j.internal.plugin;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.PluginPolicy;
import dev.isolate4j.SandboxConfig;
import dev.isolate4j.internal.jdk.JvmSizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what a plugin's descriptor asks for against the host's {@link PluginPolicy}, and turns an
 * admitted plugin into its {@link ExtensionConfig}. Asking for more than the policy allows refuses
 * the plugin; what it is granted is exactly what it asked for, never more, and nothing is granted
 * that it did not ask for.
 */
public final class PluginAdmission {
    private final PluginPolicy policy;

    /**
     * Admits plugins under {@code policy}.
     *
     * @param policy the host's policy
     */
    public PluginAdmission(PluginPolicy policy) {
        this.policy = policy;
    }

    /**
     * The configuration of the plugin in {@code jar} described by {@code descriptor}.
     *
     * @param jar the plugin's jar
     * @param descriptor its descriptor
     * @return the extension's configuration
     * @throws PluginRefusal naming the jar, the entry and the key that asks for more than the policy allows
     */
    public ExtensionConfig admit(Path jar, PluginDescriptor descriptor) throws PluginRefusal {
        String where = "plugin jar " + jar + ": " + PluginDescriptor.ENTRY;
        if (descriptor.network() && !policy.network()) {
            throw new PluginRefusal(where + " asks network=true, which the host's PluginPolicy does not allow");
        }
        for (Path path : descriptor.writablePaths()) {
            checkWritable(where, path);
        }
        List<Class<?>> apis = new ArrayList<>();
        for (String name : descriptor.apis()) {
            apis.add(api(where, name));
        }
        String maxHeap = maxHeap(where, descriptor.maxHeap());
        try {
            return ExtensionConfig.builder(descriptor.name())
                    .modulePath(jar)
                    .isolated(descriptor.isolated())
                    .dependencies(descriptor.dependencies())
                    .repositories(descriptor.isolated() ? policy.repositories() : List.of())
                    .apis(apis.toArray(Class<?>[]::new))
                    .maxHeap(maxHeap)
                    .sandbox(SandboxConfig.builder()
                            .mode(policy.sandboxMode())
                            .network(descriptor.network())
                            .writablePaths(descriptor.writablePaths())
                            .build())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new PluginRefusal(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * A writable path must lie under one of the policy's roots, also once symbolic links are
     * followed: a link under a root that points elsewhere would let the sandbox bind what the
     * policy never allowed.
     */
    private void checkWritable(String where, Path path) throws PluginRefusal {
        if (!underARoot(path, false)) {
            throw new PluginRefusal(where + " asks writablePaths " + path + ", which is under none of the host's"
                    + " PluginPolicy writableRoots " + policy.writableRoots());
        }
        if (Files.exists(path) && !underARoot(path, true)) {
            throw new PluginRefusal(where + " asks writablePaths " + path + ", which leads (through a symbolic link)"
                    + " outside the host's PluginPolicy writableRoots " + policy.writableRoots());
        }
    }

    private boolean underARoot(Path path, boolean real) throws PluginRefusal {
        for (Path root : policy.writableRoots()) {
            try {
                Path candidate = real ? path.toRealPath() : path;
                Path base = real && Files.exists(root) ? root.toRealPath() : root;
                if (candidate.startsWith(base)) {
                    return true;
                }
            } catch (IOException e) {
                throw new PluginRefusal("cannot follow writable path " + path + " or root " + root + ": " + e, e);
            }
        }
        return false;
    }

    private Class<?> api(String where, String name) throws PluginRefusal {
        for (Class<?> api : policy.apis()) {
            if (api.getName().equals(name)) {
                return api;
            }
        }
        throw new PluginRefusal(where + " asks apis " + name + ", which the host's PluginPolicy does not offer;"
                + " offered: " + policy.apis().stream().map(Class::getName).toList());
    }

    /** The heap asked for, at most the policy's; absent: the default, at most the policy's. */
    private String maxHeap(String where, String asked) throws PluginRefusal {
        long cap = JvmSizes.parse(policy.maxHeap());
        if (asked == null) {
            return JvmSizes.parse(ExtensionConfig.DEFAULT_MAX_HEAP) <= cap
                    ? ExtensionConfig.DEFAULT_MAX_HEAP
                    : policy.maxHeap();
        }
        if (JvmSizes.parse(asked) > cap) {
            throw new PluginRefusal(where + " asks maxHeap=" + asked + ", more than the host's PluginPolicy allows ("
                    + policy.maxHeap() + ")");
        }
        return asked;
    }
}
