package dev.isolate4j.internal.child;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.ExtensionModule;
import dev.isolate4j.internal.classpath.NotAJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Loads the extension module in its own class loader and finds its one {@link ExtensionBase} from
 * the {@code META-INF/services} entry that {@code @AutoService} writes. Only the module's own entry
 * counts, so that an extension elsewhere is never picked by mistake: on the class path, or in a
 * dependency that is an extension module itself (a plugin built on another plugin's artifact). So
 * the entry is read from the module alone: {@link java.util.ServiceLoader} would open every jar of
 * the parent's class path first, tens of milliseconds of a start on a host's class path, and
 * {@link URLClassLoader#findResources} every jar of the extension's.
 */
final class ExtensionLoader {
    private static final String SERVICE_FILE = "META-INF/services/" + ExtensionBase.class.getName();

    private ExtensionLoader() {}

    record Loaded(ExtensionBase extension, ExtensionModule module) {}

    /**
     * Loads the module at {@code modulePath} with {@code classPath} (an isolated extension's resolved
     * dependencies; empty otherwise). An isolated extension sees only isolate4j's API of the
     * runtime's class path; a non-isolated one sees all of it, as the host does, after its module's
     * own classes when {@code moduleFirst} (see {@link ModuleFirstLoader}).
     */
    static Loaded load(String name, Path modulePath, List<Path> classPath, boolean isolated, boolean moduleFirst)
            throws Exception {
        // The host checked the path; a child that cannot read it (a sandbox that does not show it, a
        // file's permissions) says so rather than "no extension class found".
        if (!Files.isReadable(modulePath)) {
            throw new IllegalStateException("module not found or unreadable: " + modulePath
                    + "; the extension's JVM must be able to read the jar or classes directory given as modulePath");
        }
        List<URL> urls = new ArrayList<>();
        urls.add(toUrl(modulePath));
        for (Path entry : classPath) {
            urls.add(toUrl(entry));
        }
        ClassLoader runtime = ExtensionLoader.class.getClassLoader();
        String loaderName = "isolate4j-extension-" + name;
        URLClassLoader loader;
        if (isolated) {
            loader = new IsolatedExtensionLoader(loaderName, urls, new IsolatingClassLoader(runtime));
        } else if (moduleFirst) {
            loader = new ModuleFirstLoader(loaderName, urls, runtime);
        } else {
            loader = new URLClassLoader(loaderName, urls.toArray(URL[]::new), runtime);
        }
        Set<String> providers = moduleProviders(modulePath, SERVICE_FILE);
        if (providers.isEmpty()) {
            throw new IllegalStateException("no extension class found in " + modulePath
                    + ": annotate a subclass of ExtensionBase with @AutoService(ExtensionBase.class), or list it in "
                    + SERVICE_FILE + " inside the module");
        }
        if (providers.size() > 1) {
            throw new IllegalStateException(modulePath + " holds " + providers.size() + " extension classes "
                    + providers + "; a module must declare exactly one");
        }
        Class<? extends ExtensionBase> type =
                extensionClass(loader, providers.iterator().next(), modulePath);
        return new Loaded(instantiate(type), new ExtensionModule(name, modulePath, loader, type));
    }

    /**
     * The class names the extension's own service files named {@code serviceFile} list (its jars,
     * its dependencies' among them, not its parent's), in order, without duplicates.
     */
    static Set<String> ownProviders(URLClassLoader loader, String serviceFile) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<URL> files = loader.findResources(serviceFile);
        while (files.hasMoreElements()) {
            try (InputStream file = files.nextElement().openStream()) {
                readProviders(file, names);
            }
        }
        return names;
    }

    /**
     * The class names the service file named {@code serviceFile} of the module at {@code modulePath}
     * alone lists (a jar or a classes directory), in order, without duplicates. Read through a
     * {@link ZipFile} rather than a {@code jar:} URL, whose connection classes a child would load
     * for this one read.
     */
    static Set<String> moduleProviders(Path modulePath, String serviceFile) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (Files.isDirectory(modulePath)) {
            Path file = modulePath.resolve(serviceFile);
            if (Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    readProviders(in, names);
                }
            }
            return names;
        }
        try (ZipFile jar = new ZipFile(modulePath.toFile())) {
            ZipEntry entry = jar.getEntry(serviceFile);
            if (entry != null) {
                try (InputStream in = jar.getInputStream(entry)) {
                    readProviders(in, names);
                }
            }
        } catch (ZipException e) {
            throw new IllegalStateException(NotAJar.message(modulePath, e), e);
        }
        return names;
    }

    /** Adds the class names a service file lists: one a line, {@code #} starting a comment. */
    private static void readProviders(InputStream file, Set<String> names) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int comment = line.indexOf('#');
            String entry = (comment < 0 ? line : line.substring(0, comment)).trim();
            if (!entry.isEmpty()) {
                names.add(entry);
            }
        }
    }

    /**
     * The extension class the service file names, loaded (not initialized); a class that cannot be
     * is named with what it lacks, in words the user can act on.
     */
    private static Class<? extends ExtensionBase> extensionClass(ClassLoader loader, String name, Path modulePath) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    name + " is listed in " + SERVICE_FILE + " of " + modulePath + " but is not there, nor on the"
                            + " extension's class path: rebuild the module, whose service file names a class it does"
                            + " not hold",
                    e);
        } catch (UnsupportedClassVersionError e) {
            throw new IllegalStateException(
                    name + " was compiled for a newer Java than the extension's JVM, Java "
                            + Runtime.version().feature() + " (" + e.getMessage() + "): run the extension on a newer"
                            + " JDK with ExtensionConfig.Builder.javaHome(...), or compile it with --release "
                            + Runtime.version().feature(),
                    e);
        } catch (LinkageError e) {
            throw new IllegalStateException(
                    name + " cannot be loaded: " + e + "; a class it needs is missing from the extension's class"
                            + " path (an isolated extension's holds its module, its dependencies and isolate4j's API;"
                            + " a shared one's, its module and the host's class path)",
                    e);
        }
        if (!ExtensionBase.class.isAssignableFrom(type)) {
            throw new IllegalStateException(
                    name + " is listed in " + SERVICE_FILE + " but does not extend " + ExtensionBase.class.getName());
        }
        return type.asSubclass(ExtensionBase.class);
    }

    private static ExtensionBase instantiate(Class<? extends ExtensionBase> type) throws Exception {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(
                    type.getName() + " needs a public constructor without parameters to be loaded as an extension", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (ExceptionInInitializerError e) {
            throw new IllegalStateException(
                    type.getName() + "'s static initialization threw " + e.getCause(), e.getCause());
        }
    }

    private static URL toUrl(Path modulePath) throws MalformedURLException {
        return modulePath.toAbsolutePath().toUri().toURL();
    }
}
