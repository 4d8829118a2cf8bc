package dev.isolate4j.internal.child;

import dev.isolate4j.internal.child.logging.ExtensionSlf4j;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * An isolated extension's class loader: its module and resolved jars, over {@link
 * IsolatingClassLoader}. When those jars bring SLF4J without a binding, it also defines the binding
 * that sends the extension's events to the host ({@link ExtensionSlf4j}), after the jars' own
 * classes and service files.
 */
final class IsolatedExtensionLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** Null until SLF4J first looks for a binding: most extensions never log through SLF4J. */
    private volatile Boolean bridgesSlf4j;

    IsolatedExtensionLoader(String name, List<URL> urls, ClassLoader parent) {
        super(name, urls.toArray(URL[]::new), parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        try {
            return super.findClass(name);
        } catch (ClassNotFoundException notInTheJars) {
            if (!ExtensionSlf4j.defines(name) || !bridgesSlf4j()) {
                throw notInTheJars;
            }
            byte[] bytes = ExtensionSlf4j.classBytes(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        Enumeration<URL> own = super.findResources(name);
        if (!name.equals(ExtensionSlf4j.PROVIDERS) || !bridgesSlf4j()) {
            return own;
        }
        List<URL> all = Collections.list(own);
        all.add(ExtensionSlf4j.providerList());
        return Collections.enumeration(all);
    }

    private boolean bridgesSlf4j() {
        Boolean bridges = bridgesSlf4j;
        if (bridges == null) {
            bridges = !ExtensionSlf4j.bringsBinding(this);
            bridgesSlf4j = bridges;
        }
        return bridges;
    }
}
