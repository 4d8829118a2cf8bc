package dev.isolate4j.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code dev.isolate4j.resolver.internal.MavenResolution}, the implementation behind {@link
 * ArtifactResolver}, loaded by {@link PackedClasses} (or, from a build's output directory, where
 * this artifact's own classes are). Called reflectively, once per resolution: a resolution takes
 * milliseconds at best, and the API's types name none of the internal ones.
 */
final class Implementation {
    private static final String CLASS_NAME = "dev.isolate4j.resolver.internal.MavenResolution";

    /** The loader of the internal classes, or {@code null} when they are this artifact's own. */
    private static final PackedClasses PACKED;

    private static final Method RESOLVE;
    private static final Method WARM_UP;
    private static final Method SETTINGS_INPUTS;

    static {
        try {
            PACKED = PackedClasses.open();
            Class<?> type =
                    Class.forName(CLASS_NAME, true, PACKED != null ? PACKED : Implementation.class.getClassLoader());
            RESOLVE = type.getMethod("resolve", ResolutionRequest.class);
            WARM_UP = type.getMethod("warmUp", Path.class);
            SETTINGS_INPUTS = type.getMethod("settingsInputs");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classes of isolate4j-resolver: " + e.getMessage(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("isolate4j-resolver lacks " + CLASS_NAME + "; the jar is damaged", e);
        }
    }

    private Implementation() {}

    @SuppressWarnings("unchecked") // MavenResolution.resolve returns List<Path>
    static List<Path> resolve(ResolutionRequest request) throws ResolutionFailedException {
        try {
            return (List<Path>) call(RESOLVE, request);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ResolutionFailedException failed) {
                throw failed;
            }
            throw unchecked(e.getCause());
        }
    }

    static void warmUp(Path parent) {
        invoke(WARM_UP, parent);
    }

    static String settingsInputs() {
        return (String) invoke(SETTINGS_INPUTS);
    }

    /** Invokes a method that declares no checked exception. */
    private static Object invoke(Method method, Object... arguments) {
        try {
            return call(method, arguments);
        } catch (InvocationTargetException e) {
            throw unchecked(e.getCause());
        }
    }

    /** Invokes {@code method}, the classes' bytes pinned meanwhile; what it throws comes wrapped. */
    private static Object call(Method method, Object... arguments) throws InvocationTargetException {
        if (PACKED != null) {
            PACKED.pin();
        }
        try {
            return method.invoke(null, arguments);
        } catch (IllegalAccessException e) {
            throw unchecked(e);
        } finally {
            if (PACKED != null) {
                PACKED.unpin();
            }
        }
    }

    /** {@code thrown} itself when unchecked, else wrapped. */
    private static RuntimeException unchecked(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("isolate4j-resolver failed: " + thrown, thrown);
    }
}
