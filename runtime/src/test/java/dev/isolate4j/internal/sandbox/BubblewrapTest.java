package dev.isolate4j.internal.sandbox;

import static com.google.common.truth.Truth.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether bubblewrap runs here is found out once per executable, and can be found out ahead. */
class BubblewrapTest {
    @Test
    void theProbeInTheBackgroundAnswersBeforeAnyLoadAsksAndNamesAMissingExecutable() throws Exception {
        String missing = "/nonexistent/isolate4j-test/bwrap-" + System.nanoTime();
        String before = System.getProperty("isolate4j.bwrap");
        System.setProperty("isolate4j.bwrap", missing);
        try {
            Bubblewrap.probeInBackground();

            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Bubblewrap.probed(missing) && System.nanoTime() - end < 0) {
                Thread.sleep(5);
            }
            assertThat(Bubblewrap.probed(missing)).isTrue();
            Optional<String> reason = Bubblewrap.unusableReason();
            assertThat(reason).isPresent();
            assertThat(reason.get()).contains(missing);
        } finally {
            if (before == null) {
                System.clearProperty("isolate4j.bwrap");
            } else {
                System.setProperty("isolate4j.bwrap", before);
            }
        }
    }
}
