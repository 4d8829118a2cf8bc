package dev.isolate4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    @Test
    void aChildIsWatchedByDefaultAndOnlyLogged() {
        ExtensionConfig config =
                ExtensionConfig.builder("plain").modulePath(Path.of("x.jar")).build();

        assertThat(config.healthCheck()).isEqualTo(HealthCheck.every(Duration.ofSeconds(30)));
        assertThat(config.healthCheck().restart()).isFalse();
        assertThat(config.healthCheck().enabled()).isTrue();
    }

    @Test
    void anIntervalTooShortToTellAHangFromACollectionIsRefusedWithTheMinimum() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HealthCheck.every(Duration.ofMillis(20)));

        assertThat(e).hasMessageThat().contains("at least 100 ms, was 20 ms");
        assertThat(e).hasMessageThat().contains("HealthCheck.off()");
    }

    @Test
    void aCheckThatIsOffNeitherRunsNorRestarts() {
        assertThat(HealthCheck.off().enabled()).isFalse();
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.off().restartWhenUnresponsive());
    }
}
