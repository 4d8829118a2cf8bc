package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child's reading thread polls for its host's next call while calls come back to back (see the
 * runtime's {@code NextFramePoll}); once they stop, it sleeps in its selector: a child idle after a
 * burst of calls costs no processor time. Default configuration (the sandbox on where bubblewrap
 * works, the JDK's default options).
 */
class BackToBackCallsTest {
    private static final int CALLS = 20_000;

    @TempDir
    static Path envRoot;

    @Test
    void aChildIdleAfterABurstOfBackToBackCallsTakesNoProcessorTime() throws Exception {
        try (ExtensionManager<TestExtension> manager = Fixtures.manager(envRoot)) {
            TestExtension extension =
                    manager.loadExtension(Fixtures.config("back-to-back").build());
            long pid = extension.pid();
            // A Vector, which only Fory carries: the child builds its Fory instance now, not
            // while it should be idle.
            extension.measure(new Vector<>(List.of(1.0, 2.0)));
            for (int i = 0; i < CALLS; i++) {
                extension.echo("call " + i);
            }

            Thread.sleep(200);
            Duration before = cpuTime(pid);
            Thread.sleep(3_000);
            Duration idle = cpuTime(pid).minus(before);

            // A reading thread still polling would take the whole 3 s; an idle child's periodic
            // collection and native-heap trim take a few milliseconds.
            assertThat(idle).isLessThan(Duration.ofMillis(300));
            assertThat(extension.echo("awake")).isEqualTo("awake");
        }
    }

    /** The processor time {@code pid} has taken, from the operating system. */
    private static Duration cpuTime(long pid) {
        return ChildProcesses.handle(pid)
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new AssertionError("no processor time known for " + pid));
    }
}
