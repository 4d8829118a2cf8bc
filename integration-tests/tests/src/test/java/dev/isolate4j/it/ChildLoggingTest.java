package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.Logs;
import dev.isolate4j.it.api.TestExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLF4J and java.util.logging calls in a child on the host's class path reach the host's SLF4J as
 * events of the same logger and level, with their throwable, not as lines of the child's output.
 */
class ChildLoggingTest {
    @TempDir
    Path envRoot;

    @Test
    void theChildsSlf4jAndJulEventsArriveAsTheHostsOwn() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("logged").build());
            Logs logs = ExtensionHandle.of(extension).createCaller(Logs.class, "logs");
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

            logs.log("slf4j", "WARN", "dev.fixture.logs", "hello from slf4j", true);
            logs.log("jul", "INFO", "dev.fixture.jul", "hello from jul", false);
            logs.log("slf4j", "DEBUG", "dev.fixture.logs", "below the threshold", false);

            Await.until("both events logged by the host", Duration.ofSeconds(10), () -> {
                String text = captured.toString(StandardCharsets.UTF_8);
                return text.contains("hello from slf4j") && text.contains("hello from jul");
            });
        } finally {
            System.setErr(originalErr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("WARN dev.fixture.logs - hello from slf4j");
        assertThat(log).contains("IllegalStateException: boom");
        assertThat(log).contains("INFO dev.fixture.jul - hello from jul");
        assertThat(log).doesNotContain("[logged:stderr]");
        assertThat(log).doesNotContain("below the threshold");
    }
}
