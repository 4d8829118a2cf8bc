package dev.isolate4j;

import java.nio.file.Path;

/**
 * The loaded extension module, handed to {@link ExtensionBase#onModuleLoaded}: the counterpart of
 * the Python module object in pyisolate.
 *
 * @param name the extension's name, as configured
 * @param path the jar or classes directory the extension was loaded from
 * @param classLoader the class loader that loaded the extension's classes; use it to find the
 *     module's resources
 * @param extensionClass the extension class, as the module's {@code META-INF/services} entry names it
 */
public record ExtensionModule(
        String name, Path path, ClassLoader classLoader, Class<? extends ExtensionBase> extensionClass) {}
