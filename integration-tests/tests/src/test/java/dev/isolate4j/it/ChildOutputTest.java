package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an extension writes to its stdout and stderr reaches the host's SLF4J log, line by line,
 * under the logger {@code isolate4j.extension.<name>}, tagged with the name and the stream.
 *
 * <p>The host runs in a JVM of its own whose slf4j-simple writes to its stdout, so that the test
 * reads exactly what that host logged and nothing any other test logs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildOutputTest {
    private static final String LOGGER = "isolate4j.extension.talker";

    @TempDir
    static Path envRoot;

    static List<String> hostOutput;

    @BeforeAll
    static void runHost() throws Exception {
        try (HostJvm host = HostJvm.start(
                HostMain.OUTPUT,
                envRoot,
                List.of(
                        // Smaller than the 50 MiB line the child writes: the pump must not hold it.
                        "-Xmx64m",
                        "-Dorg.slf4j.simpleLogger.logFile=System.out",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-Dorg.slf4j.simpleLogger.showLogName=true"))) {
            int status = host.awaitExit(Duration.ofSeconds(45));
            assertWithMessage("exit status of the host; its output:\n%s", host.output())
                    .that(status)
                    .isEqualTo(0);
            hostOutput = host.lines();
        }
    }

    @Test
    void stdoutLineIsLoggedTaggedWithNameAndStream() {
        assertThat(logged("[talker:stdout] hello out")).hasSize(1);
    }

    @Test
    void stderrLineIsLoggedTaggedWithNameAndStream() {
        assertThat(logged("[talker:stderr] hello err")).hasSize(1);
    }

    @Test
    void aLineLargerThanTheHostsHeapIsCutAndLaterOutputStillArrives() {
        List<String> flood = logged("[talker:stdout] xxxx");

        assertThat(flood).hasSize(1);
        assertThat(flood.get(0)).endsWith("x… (" + ((50 << 20) - 4096) + " bytes cut)");
        assertThat(logged("[talker:stderr] after the flood")).hasSize(1);
    }

    @Test
    void linesAreLoggedUnderTheExtensionsLogger() {
        for (String line : logged("[talker:")) {
            assertWithMessage("logger of %s", line).that(line).contains(" " + LOGGER + " - ");
        }
    }

    @Test
    void eachLineIsALogRecordOfItsOwn() {
        List<String> first = logged("[talker:stdout] first of two");
        List<String> second = logged("[talker:stdout] second of two");

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(first.get(0)).endsWith("[talker:stdout] first of two");
        assertThat(second.get(0)).endsWith("[talker:stdout] second of two");
        assertThat(hostOutput.indexOf(first.get(0))).isLessThan(hostOutput.indexOf(second.get(0)));
    }

    @Test
    void outputIsLoggedBeforeStopReturns() {
        int done = hostOutput.indexOf(HostMain.DONE);

        assertWithMessage("host output:\n%s", String.join("\n", hostOutput))
                .that(done)
                .isAtLeast(0);
        for (String line : logged("[talker:")) {
            assertWithMessage("host output:\n%s", String.join("\n", hostOutput))
                    .that(hostOutput.indexOf(line))
                    .isLessThan(done);
        }
    }

    /** The lines of the host's output that contain {@code text}, tagged lines of its log. */
    private static List<String> logged(String text) {
        List<String> matching =
                hostOutput.stream().filter(line -> line.contains(text)).toList();
        assertWithMessage(
                        "no line of the host's output contains '%s'; its output:\n%s",
                        text, String.join("\n", hostOutput))
                .that(matching)
                .isNotEmpty();
        return matching;
    }
}
