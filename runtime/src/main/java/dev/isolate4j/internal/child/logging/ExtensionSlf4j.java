package dev.isolate4j.internal.child.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;

/**
 * The SLF4J binding an isolated extension's class loader gets when the extension's own jars bring
 * SLF4J without one: its events then reach the host's SLF4J, as a non-isolated child's do.
 *
 * <p>The extension's SLF4J, of whatever version, lives in the extension's class loader, which cannot
 * see the runtime's. So that loader defines the binding's classes again from the runtime's bytes,
 * linked against the extension's SLF4J; they call {@link HostLog}, the one class of this package
 * the loader shares with the runtime. SLF4J 2 finds {@link HostSlf4jProvider} through a service
 * file the loader lists after the extension's own; SLF4J 1.7 loads {@code
 * org.slf4j.impl.StaticLoggerBinder} and {@code StaticMDCBinder}, which are {@link
 * Slf4j1LoggerBinder} and {@link Slf4j1MdcBinder} renamed. An extension that brings its own binding
 * (Logback, slf4j-simple) keeps it, and its output arrives as lines.
 */
public final class ExtensionSlf4j {
    /** SLF4J 2's service file of providers. */
    public static final String PROVIDERS = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    private static final String LEGACY_BINDER = "org/slf4j/impl/StaticLoggerBinder.class";
    private static final String OWN_PACKAGE = ExtensionSlf4j.class.getPackageName() + ".";

    /** The classes the loader defines, by the name it defines them under, from the runtime's. */
    private static final Map<String, String> SOURCES = Map.of(
            HostSlf4jProvider.class.getName(),
            HostSlf4jProvider.class.getName(),
            OWN_PACKAGE + "HostLoggerFactory",
            OWN_PACKAGE + "HostLoggerFactory",
            OWN_PACKAGE + "HostLogger",
            OWN_PACKAGE + "HostLogger",
            "org.slf4j.impl.StaticLoggerBinder",
            Slf4j1LoggerBinder.class.getName(),
            "org.slf4j.impl.StaticMDCBinder",
            Slf4j1MdcBinder.class.getName());

    /** The runtime's classes an extension's loader shares rather than defines again. */
    public static final Set<String> SHARED_CLASSES = Set.of(HostLog.class.getName());

    private ExtensionSlf4j() {}

    /**
     * {@return whether the extension's own jars (not its loader's parents) hold an SLF4J 2 provider
     * or an SLF4J 1.7 binding}
     *
     * @param extension the extension's class loader
     */
    public static boolean bringsBinding(URLClassLoader extension) {
        return extension.findResource(PROVIDERS) != null || extension.findResource(LEGACY_BINDER) != null;
    }

    /**
     * {@return whether {@code name} is one of the binding's classes}
     *
     * @param name a binary class name
     */
    public static boolean defines(String name) {
        return SOURCES.containsKey(name);
    }

    /**
     * The class file of a class of the binding, under the name the extension's loader defines it.
     *
     * @param name a binary class name, one that {@link #defines} accepts
     * @return its bytes
     */
    public static byte[] classBytes(String name) {
        String source = SOURCES.get(name);
        if (source == null) {
            throw new IllegalArgumentException(
                    name + " is not a class of the SLF4J binding; expected one of " + SOURCES.keySet());
        }
        byte[] bytes = runtimeClassFile(source);
        return source.equals(name)
                ? bytes
                : ClassFileRename.rename(bytes, source.replace('.', '/'), name.replace('.', '/'));
    }

    /** {@return the service file that lists {@link HostSlf4jProvider}, a resource of the runtime} */
    public static URL providerList() {
        URL list = ExtensionSlf4j.class.getResource("slf4j-providers");
        if (list == null) {
            throw new IllegalStateException("the runtime's jar lacks " + OWN_PACKAGE.replace('.', '/')
                    + "slf4j-providers: rebuild isolate4j-runtime");
        }
        return list;
    }

    /**
     * Binds the runtime's own SLF4J now, to the provider the child's command line names, then
     * forgets that name: SLF4J 2.0.9 and later read the same system property, and the extension's
     * would otherwise take a provider its loader cannot see rather than its own or the bridge.
     */
    public static void bindRuntimeFirst() {
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.clearProperty("slf4j.provider");
    }

    private static byte[] runtimeClassFile(String className) {
        String resource = "/" + className.replace('.', '/') + ".class";
        try (InputStream in = ExtensionSlf4j.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the runtime's jar lacks " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the runtime's jar", e);
        }
    }
}
