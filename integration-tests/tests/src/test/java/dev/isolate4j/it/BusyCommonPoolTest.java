package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application may keep the JDK's common pool busy: the runtime's background work (a prestarted
 * child's replacement, the dump of a class-data archive) and its watch of its children's exits
 * run on threads of its own, not there. Before, a stop waited out its grace and killed a child that
 * had exited, and a manager's close never ended.
 */
class BusyCommonPoolTest {
    @TempDir
    Path envRoot;

    @Test
    void aBusyCommonPoolDelaysNeitherAPrestartedChildsReplacementNorAStop() throws Exception {
        // Two workers, so that CompletableFuture's asynchronous methods use the pool on two CPUs too.
        try (HostJvm host = HostJvm.startMain(
                BusyCommonPoolHost.class,
                List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2"),
                List.of(Fixtures.extensionJar().toAbsolutePath().toString(), envRoot.toString()))) {
            host.awaitLine(BusyCommonPoolHost.DONE::equals, Duration.ofSeconds(90));

            assertThat(host.lines())
                    .containsAtLeast("BUSY 2", "TOOK true", "REPLACED")
                    .inOrder();
            String stopped = host.awaitLine(line -> line.startsWith("STOPPED "), Duration.ZERO);
            assertThat(stopped).endsWith("alive false");
            // Asked to stop, the child exits at once: nothing waits out its grace, nothing kills it.
            assertThat(host.output()).doesNotContain("did not exit when asked");
        }
    }
}
