package dev.isolate4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link ExtensionConfig.Builder#artifact}: an alternative to modulePath, never both, always isolated. */
class ExtensionArtifactConfigTest {
    @Test
    void anArtifactIsIsolatedAndHasNoModulePath() {
        ExtensionConfig config = ExtensionConfig.builder("ocr")
                .artifact("com.acme:ocr-plugin:1.2")
                .build();

        assertThat(config.artifact()).isEqualTo("com.acme:ocr-plugin:1.2");
        assertThat(config.modulePath()).isNull();
        assertThat(config.isolated()).isTrue();
    }

    @Test
    void aModulePathIsNotIsolatedByDefault() {
        ExtensionConfig config =
                ExtensionConfig.builder("ocr").modulePath(Path.of("ocr.jar")).build();

        assertThat(config.artifact()).isNull();
        assertThat(config.isolated()).isFalse();
    }

    @Test
    void bothAtOnceAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExtensionConfig.builder("ocr")
                        .modulePath(Path.of("ocr.jar"))
                        .artifact("com.acme:ocr-plugin:1.2")
                        .build());

        assertThat(e).hasMessageThat().contains("extension 'ocr' gives both modulePath");
        assertThat(e).hasMessageThat().contains("'com.acme:ocr-plugin:1.2'");
        assertThat(e).hasMessageThat().contains("give one");
    }

    @Test
    void neitherIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExtensionConfig.builder("ocr").build());

        assertThat(e).hasMessageThat().contains("has neither a modulePath nor an artifact");
    }

    @Test
    void aMalformedArtifactIsRefusedByName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExtensionConfig.builder("ocr")
                        .artifact("com.acme:ocr;rm -rf /")
                        .build());

        assertThat(e).hasMessageThat().contains("artifact 'com.acme:ocr;rm -rf /' is not a Maven coordinate");
    }

    @Test
    void anArtifactThatIsNotIsolatedIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ExtensionConfig.builder("ocr")
                        .artifact("com.acme:ocr-plugin:1.2")
                        .isolated(false)
                        .build());

        assertThat(e).hasMessageThat().contains("isolated(false)");
    }
}
