package dev.isolate4j.internal.child;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
