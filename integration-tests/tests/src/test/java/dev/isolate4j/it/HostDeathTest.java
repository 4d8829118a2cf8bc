package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A host that dies without a word, by {@code kill -9}, leaves no extension process behind. */
class HostDeathTest {
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHILD_GONE_WITHIN = Duration.ofSeconds(2);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void childOfAHostKilledWithSigkillExits(@TempDir Path envRoot) throws Exception {
        killHostAndExpectNoChild(HostMain.HOLD, envRoot);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void childOfAHostKilledWhileItLoadsExits(@TempDir Path envRoot) throws Exception {
        // The extension's load hook waits for a call into the host when the host dies.
        killHostAndExpectNoChild(HostMain.HOLD_LOADING, envRoot);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void childThatIgnoresItsClosedConnectionStillExitsWhenItsStdinEnds(@TempDir Path envRoot) throws Exception {
        // The load hook sleeps through the closed socket: only the end of stdin can end the child.
        killHostAndExpectNoChild(HostMain.HOLD_DEAF, envRoot);
    }

    /** Starts a host in {@code mode}, kills it once it named its child, and expects the child gone. */
    private static void killHostAndExpectNoChild(String mode, Path envRoot) throws Exception {
        ProcessHandle child = null;
        Path socket = null;
        try (HostJvm host = HostJvm.start(mode, envRoot, List.of())) {
            try {
                String line = host.awaitLine(l -> l.startsWith(HostMain.CHILD_PREFIX), LOAD_TIMEOUT);
                long childPid = Long.parseLong(
                        line.substring(HostMain.CHILD_PREFIX.length()).trim());
                child = ChildProcesses.handle(childPid);
                socket = socketOf(child);
                assertWithMessage("the host that started the extension")
                        .that(ChildProcesses.starter(child).map(ProcessHandle::pid))
                        .hasValue(host.process().pid());

                host.process().destroyForcibly(); // SIGKILL: no shutdown hook, no finally, nothing runs
                assertThat(host.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(host.process().exitValue()).isEqualTo(128 + 9);

                assertWithMessage(
                                "extension process %s still runs %s after its host was killed; host output:\n%s",
                                childPid, CHILD_GONE_WITHIN, host.output())
                        .that(ChildProcesses.awaitGone(child, CHILD_GONE_WITHIN))
                        .isTrue();
                // Neither the killed host nor its sandboxed child (to whom the directory is a mount
                // point) can remove the socket's directory: the next manager does.
                Fixtures.manager(envRoot.resolve("next")).close();
                assertWithMessage("the socket directory of a killed host, after the next manager started")
                        .that(Files.exists(socket.getParent()))
                        .isFalse();
            } finally {
                ChildProcesses.killQuietly(child);
                removeSocketDirectory(socket);
            }
        }
    }

    /** The socket the child was told to connect to, from its command line. */
    private static Path socketOf(ProcessHandle child) {
        List<String> arguments = List.of(child.info().arguments().orElse(new String[0]));
        return Path.of(Fixtures.optionValue(arguments, "--socket"));
    }

    /** Removes the socket directory if a failed assertion left it, so that the test leaves nothing in /tmp. */
    private static void removeSocketDirectory(Path socket) throws IOException {
        if (socket != null && socket.getParent().getFileName().toString().startsWith("isolate4j-")) {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        }
    }
}
