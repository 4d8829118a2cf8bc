package dev.isolate4j.internal.child;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionBase;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleFirstLoaderTest {
    /** A class of the module, copied into the test's jar. */
    static final class InTheModule {}

    /** The class path: counts what it is asked for, then asks the test's own loader. */
    private static final class CountingClassPath extends ClassLoader {
        final Set<String> asked = ConcurrentHashMap.newKeySet();

        CountingClassPath() {
            super(ModuleFirstLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @TempDir
    Path tmp;

    @Test
    void aClassOfTheModuleIsFoundThereWithoutAskingTheClassPath() throws Exception {
        CountingClassPath classPath = new CountingClassPath();
        try (ModuleFirstLoader loader =
                new ModuleFirstLoader("test", List.of(moduleWith(InTheModule.class)), classPath)) {
            Class<?> type = loader.loadClass(InTheModule.class.getName());

            assertThat(type.getClassLoader()).isSameInstanceAs(loader);
            assertThat(classPath.asked).doesNotContain(InTheModule.class.getName());
        }
    }

    @Test
    void theJdksClassesComeFirstAndTheRestFromTheClassPath() throws Exception {
        CountingClassPath classPath = new CountingClassPath();
        try (ModuleFirstLoader loader =
                new ModuleFirstLoader("test", List.of(moduleWith(InTheModule.class)), classPath)) {
            assertThat(loader.loadClass("java.util.List")).isSameInstanceAs(List.class);
            assertThat(loader.loadClass(ExtensionBase.class.getName())).isSameInstanceAs(ExtensionBase.class);

            assertThat(classPath.asked).containsExactly(ExtensionBase.class.getName());
        }
    }

    @Test
    void aClassNowhereIsNotFound() throws Exception {
        try (ModuleFirstLoader loader =
                new ModuleFirstLoader("test", List.of(moduleWith(InTheModule.class)), new CountingClassPath())) {
            ClassNotFoundException error = org.junit.jupiter.api.Assertions.assertThrows(
                    ClassNotFoundException.class, () -> loader.loadClass("com.acme.Nowhere"));

            assertThat(error).hasMessageThat().contains("com.acme.Nowhere");
        }
    }

    private URL moduleWith(Class<?> type) throws Exception {
        String entry = type.getName().replace('.', '/') + ".class";
        Path jar = tmp.resolve("module.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
            out.closeEntry();
        }
        return jar.toUri().toURL();
    }
}
