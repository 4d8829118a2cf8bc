package dev.isolate4j.internal.child;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionBase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void aModuleTheChildCannotReadIsNamedAsSuch() {
        Path absent = tmp.resolve("gone/extension.jar");

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ExtensionLoader.load("missing", absent, List.of(), false, false));

        assertThat(error).hasMessageThat().startsWith("module not found or unreadable: " + absent);
    }

    @Test
    void aModuleFileThatIsNoJarIsNamedAsSuch() throws Exception {
        Path notAJar = Files.writeString(tmp.resolve("extension.jar"), "not a zip");

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ExtensionLoader.load("broken", notAJar, List.of(), false, false));

        assertThat(error).hasMessageThat().startsWith("module " + notAJar + " is not a jar (");
        assertThat(error).hasMessageThat().endsWith("): modulePath must be a jar or a classes directory");
    }

    @Test
    void aClassesDirectorysServiceFileIsReadWithoutItsComments() throws Exception {
        Path services = Files.createDirectories(tmp.resolve("module/META-INF/services"));
        Files.writeString(services.resolve("dev.isolate4j.ExtensionBase"), "# the one\ncom.acme.Own # ours\n\n");

        assertThat(ExtensionLoader.moduleProviders(
                        tmp.resolve("module"), "META-INF/services/dev.isolate4j.ExtensionBase"))
                .containsExactly("com.acme.Own");
    }

    @Test
    void aListedClassTheModuleLacksIsNamedAsSuch() throws Exception {
        Path module = module("com.acme.Gone");

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ExtensionLoader.load("gone", module, List.of(), true, false));

        assertThat(error)
                .hasMessageThat()
                .startsWith("com.acme.Gone is listed in META-INF/services/dev.isolate4j.ExtensionBase of " + module
                        + " but is not there");
    }

    @Test
    void aClassForANewerJavaSaysWhichJavaTheChildRuns() throws Exception {
        Path module = module(Plain.class.getName());
        byte[] newer = classBytes(Plain.class);
        newer[6] = 0; // the class file's major version, in bytes 6 and 7: 120, newer than any JDK here
        newer[7] = 120;
        write(module, Plain.class, newer);

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ExtensionLoader.load("newer", module, List.of(), true, false));

        assertThat(error)
                .hasMessageThat()
                .startsWith(Plain.class.getName() + " was compiled for a newer Java than the extension's JVM, Java "
                        + Runtime.version().feature() + " (");
        assertThat(error)
                .hasMessageThat()
                .contains("--release " + Runtime.version().feature());
    }

    @Test
    void aClassWhoseSuperclassIsMissingNamesIt() throws Exception {
        Path module = module(Sub.class.getName());
        write(module, Sub.class, classBytes(Sub.class)); // without its superclass, Base

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ExtensionLoader.load("sub", module, List.of(), true, false));

        assertThat(error).hasMessageThat().startsWith(Sub.class.getName() + " cannot be loaded: ");
        assertThat(error).hasMessageThat().contains(Base.class.getName().replace('.', '/'));
        assertThat(error).hasMessageThat().contains("missing from the extension's class path");
    }

    @Test
    void aStaticInitializerThatThrowsIsNamed() throws Exception {
        Path module = module(FailingInit.class.getName());
        write(module, FailingInit.class, classBytes(FailingInit.class));

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> ExtensionLoader.load("init", module, List.of(), true, false));

        assertThat(error)
                .hasMessageThat()
                .isEqualTo(FailingInit.class.getName()
                        + "'s static initialization threw java.lang.IllegalStateException: no configuration");
    }

    /** A classes directory whose service file names {@code extensionClass}. */
    private Path module(String extensionClass) throws Exception {
        Path services = Files.createDirectories(tmp.resolve("module/META-INF/services"));
        Files.writeString(services.resolve("dev.isolate4j.ExtensionBase"), extensionClass + "\n");
        return tmp.resolve("module");
    }

    private static byte[] classBytes(Class<?> type) throws Exception {
        String file = type.getName().substring(type.getPackageName().length() + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in.readAllBytes();
        }
    }

    private static void write(Path module, Class<?> type, byte[] bytes) throws Exception {
        Path file = module.resolve(type.getName().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** Loaded by the tests from a module of their own, where the test's class path is out of sight. */
    public static class Plain extends ExtensionBase {}

    public static class Base extends ExtensionBase {}

    public static class Sub extends Base {}

    public static class FailingInit extends ExtensionBase {
        static {
            refuse();
        }

        private static void refuse() {
            throw new IllegalStateException("no configuration");
        }
    }
}
