package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.it.api.TestExtension;
import dev.isolate4j.micrometer.Isolate4jMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** isolate4j-micrometer against a real child: timers per method and outcome, memory gauges. */
class MicrometerTest {
    @TempDir
    Path envRoot;

    @Test
    void callsAreTimedPerMethodAndOutcomeAndTheChildsMemoryIsGauged() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Isolate4jMetrics metrics = new Isolate4jMetrics(registry);
        try (ExtensionManager<TestExtension> manager = new ExtensionManager<>(
                TestExtension.class,
                ExtensionManagerConfig.builder()
                        .envRootPath(envRoot.resolve("env"))
                        .localRepository(envRoot.resolve("local-repository"))
                        .stopTimeout(Duration.ofSeconds(5))
                        .interceptors(metrics)
                        .build())) {
            metrics.monitor(manager);
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("measured").build());

            for (int i = 0; i < 3; i++) {
                extension.echo("hi");
            }
            assertThrows(RemoteMethodException.class, () -> extension.fail("on purpose"));

            assertThat(timerCount(registry, "TestExtension.echo", "success")).isEqualTo(3);
            assertThat(timerCount(registry, "TestExtension.fail", "failure")).isEqualTo(1);
            double rss = registry.get(Isolate4jMetrics.RSS)
                    .tag("extension", "measured")
                    .gauge()
                    .value();
            double heap = registry.get(Isolate4jMetrics.HEAP_USED)
                    .tag("extension", "measured")
                    .gauge()
                    .value();
            assertThat(rss).isGreaterThan(10.0 * (1 << 20));
            assertThat(heap).isGreaterThan(0.0);
            assertThat(heap).isLessThan(rss);

            manager.stopExtension("measured");
            assertThat(registry.get(Isolate4jMetrics.RSS)
                            .tag("extension", "measured")
                            .gauge()
                            .value())
                    .isNaN();
        }
    }

    private static long timerCount(SimpleMeterRegistry registry, String method, String outcome) {
        return registry.get(Isolate4jMetrics.CALLS)
                .tags("extension", "measured", "method", method, "side", "client", "outcome", outcome)
                .timer()
                .count();
    }
}
