package dev.isolate4j.internal.child;

import dev.isolate4j.internal.child.logging.ExtensionSlf4j;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

/**
 * The parent of an isolated extension's class loader: it shows the extension the JDK and
 * isolate4j's public API, annotations and SPI (so that both sides agree on {@code ExtensionBase} and
 * the generated code's contract), and nothing else of the runtime's class path. The runtime's own
 * Fory, SLF4J and internals stay invisible, so the extension may bring any version of them; of
 * the internals, only the sink of the extension's log events ({@link ExtensionSlf4j#SHARED_CLASSES}),
 * whose methods take JDK types alone.
 */
final class IsolatingClassLoader extends ClassLoader {
    private static final Set<String> SHARED_PACKAGES =
            Set.of("dev.isolate4j", "dev.isolate4j.annotations", "dev.isolate4j.spi");

    private final ClassLoader runtime;

    IsolatingClassLoader(ClassLoader runtime) {
        super("isolate4j-isolation", ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int lastDot = name.lastIndexOf('.');
        if (lastDot > 0 && SHARED_PACKAGES.contains(name.substring(0, lastDot))
                || ExtensionSlf4j.SHARED_CLASSES.contains(name)) {
            return runtime.loadClass(name);
        }
        return super.loadClass(name, resolve); // the platform loader, then fails: the extension's loader goes on
    }

    @Override
    public URL getResource(String name) {
        return getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return getParent() == null
                ? Collections.emptyEnumeration()
                : getParent().getResources(name);
    }
}
