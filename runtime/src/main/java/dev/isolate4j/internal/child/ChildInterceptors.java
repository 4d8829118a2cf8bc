package dev.isolate4j.internal.child;

import dev.isolate4j.CallInterceptor;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The child's {@link CallInterceptor}s: those its host's class path provides, when the child runs
 * on it (the host found them already and names them, so that the child need not open every jar of
 * that class path), then those the extension's own jars list in {@code META-INF/services}.
 */
final class ChildInterceptors {
    private static final String SERVICE_FILE = "META-INF/services/" + CallInterceptor.class.getName();

    private ChildInterceptors() {}

    /**
     * @param loader the extension's loader
     * @param fromHost the class names the host's class path provides, for a child on that class path
     * @throws IllegalStateException when one cannot be made, naming it: the load fails
     */
    static List<CallInterceptor> load(URLClassLoader loader, List<String> fromHost) throws IOException {
        Set<String> names = new LinkedHashSet<>(fromHost);
        names.addAll(ExtensionLoader.ownProviders(loader, SERVICE_FILE));
        List<CallInterceptor> interceptors = new ArrayList<>();
        for (String name : names) {
            interceptors.add(instantiate(loader, name));
        }
        return interceptors;
    }

    private static CallInterceptor instantiate(ClassLoader loader, String name) {
        try {
            return Class.forName(name, true, loader)
                    .asSubclass(CallInterceptor.class)
                    .getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalStateException(
                    "the CallInterceptor " + name + " listed in " + SERVICE_FILE
                            + " cannot be made: " + e + "; it needs a public no-argument constructor and its classes on"
                            + " the extension's class path",
                    e);
        }
    }
}
