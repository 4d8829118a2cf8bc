package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            // A record result: the child builds its Fory instance now, not while it should be idle.
            extension.measure(List.of(1.0, 2.0));
            for (int i = 0; i < CALLS; i++) {
                extension.echo("call " + i);
            }

            Thread.sleep(200);
            long before = cpuMillis(pid);
            Thread.sleep(3_000);
            long idle = cpuMillis(pid) - before;

            // A reading thread still polling would take the whole 3 s; an idle child's periodic
            // collection and native-heap trim take a few milliseconds.
            assertThat(idle).isLessThan(300);
            assertThat(extension.echo("awake")).isEqualTo("awake");
        }
    }

    /** The processor time of {@code pid}, user and system, in milliseconds. */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // After the command's name, which may hold spaces: utime is field 14, stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }
}
