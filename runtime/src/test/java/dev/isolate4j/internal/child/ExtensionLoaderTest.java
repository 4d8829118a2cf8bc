package dev.isolate4j.internal.child;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
