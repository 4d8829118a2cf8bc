package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionModule;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Loads the extension module in its own class loader and finds its one {@link ExtensionBase}
 * through {@link ServiceLoader}. Only providers defined by the module's own loader count, so that
 * extensions elsewhere on the class path are never picked by mistake.
 */
final class ExtensionLoader {
    private ExtensionLoader() {}

    record Loaded(ExtensionBase extension, ExtensionModule module) {}

    /**
     * Loads the module at {@code modulePath} with {@code classPath} (an isolated extension's resolved
     * dependencies; empty otherwise). An isolated extension sees only isolate4j's API of the
     * runtime's class path; a non-isolated one sees all of it, as the host does.
     */
    static Loaded load(String name, Path modulePath, List<Path> classPath, boolean isolated) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(toUrl(modulePath));
        for (Path entry : classPath) {
            urls.add(toUrl(entry));
        }
        ClassLoader runtime = ExtensionLoader.class.getClassLoader();
        ClassLoader parent = isolated ? new IsolatingClassLoader(runtime) : runtime;
        URLClassLoader loader = new URLClassLoader("isolate4j-extension-" + name, urls.toArray(URL[]::new), parent);
        List<ServiceLoader.Provider<ExtensionBase>> providers = ServiceLoader.load(ExtensionBase.class, loader).stream()
                .filter(provider -> provider.type().getClassLoader() == loader)
                .collect(Collectors.toList());
        if (providers.isEmpty()) {
            throw new IllegalStateException("no extension class found in " + modulePath
                    + ": annotate a subclass of ExtensionBase with @AutoService(ExtensionBase.class), or list it in"
                    + " META-INF/services/dev.isolate4j.ExtensionBase inside the module");
        }
        if (providers.size() > 1) {
            throw new IllegalStateException(modulePath + " holds " + providers.size() + " extension classes "
                    + providers.stream().map(p -> p.type().getName()).collect(Collectors.toList())
                    + "; a module must declare exactly one");
        }
        ServiceLoader.Provider<ExtensionBase> provider = providers.get(0);
        ExtensionBase extension = provider.get();
        return new Loaded(extension, new ExtensionModule(name, modulePath, loader, provider.type()));
    }

    private static URL toUrl(Path modulePath) throws MalformedURLException {
        return modulePath.toAbsolutePath().toUri().toURL();
    }
}
