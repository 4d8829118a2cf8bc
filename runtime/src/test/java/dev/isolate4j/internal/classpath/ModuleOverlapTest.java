package dev.isolate4j.internal.classpath;

import static com.google.common.truth.Truth.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleOverlapTest {
    /** A class of the test's class path, which a module jar may share. */
    private static final String SHARED = ModuleOverlapTest.class.getName().replace('.', '/') + ".class";

    private static final ClassLoader CLASS_PATH = ModuleOverlapTest.class.getClassLoader();

    @TempDir
    Path tmp;

    @Test
    void aJarWhoseClassesAreNotOnTheClassPathSharesNone() throws Exception {
        Path jar =
                jar("plugin.jar", "com/acme/plugin/Greeter.class", "com/acme/plugin/Greeter$1.class", "app.properties");

        assertThat(new ModuleOverlap().sharesClasses(jar, CLASS_PATH)).isFalse();
    }

    @Test
    void aJarWithOneClassOfTheClassPathShares() throws Exception {
        Path jar = jar("fat.jar", "com/acme/plugin/Greeter.class", SHARED);

        assertThat(new ModuleOverlap().sharesClasses(jar, CLASS_PATH)).isTrue();
    }

    @Test
    void aMultiReleaseVersionOfAClassOfTheClassPathShares() throws Exception {
        Path jar = jar("multi.jar", "com/acme/plugin/Greeter.class", "META-INF/versions/17/" + SHARED);

        assertThat(new ModuleOverlap().sharesClasses(jar, CLASS_PATH)).isTrue();
    }

    @Test
    void aChangedJarIsCheckedAgain() throws Exception {
        ModuleOverlap overlap = new ModuleOverlap();
        Path jar = jar("plugin.jar", "com/acme/plugin/Greeter.class");
        assertThat(overlap.sharesClasses(jar, CLASS_PATH)).isFalse();

        jar("plugin.jar", "com/acme/plugin/Greeter.class", SHARED);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(overlap.sharesClasses(jar, CLASS_PATH)).isTrue();
    }

    @Test
    void aClassesDirectoryOrAnUnreadableModuleCountsAsSharing() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/com/acme"));
        Files.writeString(classes.resolve("Greeter.class"), "not read");

        assertThat(new ModuleOverlap().sharesClasses(tmp.resolve("classes"), CLASS_PATH))
                .isTrue();
        assertThat(new ModuleOverlap().sharesClasses(tmp.resolve("absent.jar"), CLASS_PATH))
                .isTrue();
        assertThat(new ModuleOverlap().sharesClasses(Files.writeString(tmp.resolve("not-a.jar"), "text"), CLASS_PATH))
                .isTrue();
    }

    private Path jar(String name, String... entries) throws Exception {
        Path jar = tmp.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : List.of(entries)) {
                out.putNextEntry(new JarEntry(entry));
                out.write(new byte[] {1, 2, 3});
                out.closeEntry();
            }
        }
        return jar;
    }
}
