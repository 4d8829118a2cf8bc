package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.ExtensionManager;
import dev.isolate4j.internal.child.ChildMain;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.protocol.Hello;
import dev.isolate4j.it.api.TestExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport's protections, seen from outside a real child: a private socket directory, a
 * secret that is never on a command line, and rogue clients refused while the real child loads.
 */
class SocketSecurityTest {
    /** The launcher's secret: 32 random bytes, base64url without padding. */
    private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9_-]{43}");

    @TempDir
    Path envRoot;

    ExtensionManager<TestExtension> manager;

    @BeforeEach
    void open() {
        manager = Fixtures.manager(envRoot);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void socketDirectoryIsPrivateAndOwnedByThisUser() throws IOException {
        TestExtension extension =
                manager.loadExtension(Fixtures.config("private").build());

        Path socket = Path.of(Fixtures.optionValue(extension.commandLine(), "--socket"));
        Path directory = socket.getParent();

        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.isSymbolicLink(directory)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
        assertThat(Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName())
                .isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void secretIsNeverOnTheCommandLineAndArrivesThroughAPipe() throws IOException {
        TestExtension extension =
                manager.loadExtension(Fixtures.config("args-check").build());
        long pid = extension.pid();

        List<String> seenByTheChild = extension.commandLine();
        List<String> seenByTheSystem = procCommandLine(pid).orElse(seenByTheChild);

        for (List<String> commandLine : List.of(seenByTheChild, seenByTheSystem)) {
            assertThat(commandLine).isNotEmpty();
            for (String argument : commandLine) {
                assertThat(argument.toLowerCase()).doesNotContain("secret");
                assertThat(argument.toLowerCase()).doesNotContain("token");
                assertThat(SECRET_LIKE.matcher(argument).matches()).isFalse();
            }
        }
        // The secret came on stdin, which stays a pipe to the host (its end tells the child the host died).
        Path stdin = Path.of("/proc", Long.toString(pid), "fd", "0");
        if (Files.exists(Path.of("/proc/self/fd/0"))) {
            assertThat(Files.readSymbolicLink(stdin).toString()).startsWith("pipe:");
        }
    }

    @Test
    void rogueClientsWithoutTheSecretAreRefusedAndLoggedWhileTheRealChildLoads() throws Exception {
        List<String> refusals = new ArrayList<>();
        String log = captureStderr(() -> {
            CompletableFuture<TestExtension> loading = CompletableFuture.supplyAsync(
                    () -> manager.loadExtension(Fixtures.config("besieged").build()));
            Path socket = awaitSocketOfLoadingChild("besieged");

            // All three connect before the real child can: once the host has accepted the child, it
            // closes the socket, and a rogue that came later would find nobody to refuse it (a JDK 25
            // child connected between the first rogue's refusal and the second's connect).
            try (SocketChannel first = connect(socket);
                    SocketChannel second = connect(socket);
                    SocketChannel third = connect(socket)) {
                // 1: a well-formed HELLO with a wrong secret; 2: garbage; 3: a length above any HELLO.
                refusals.add(refusal(
                        first,
                        channel -> write(
                                channel,
                                FrameType.HELLO,
                                new Hello(Hello.PROTOCOL_VERSION, "not-the-secret", 1).encode())));
                refusals.add(refusal(
                        second,
                        channel -> writeRaw(channel, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
                refusals.add(refusal(
                        third,
                        channel -> writeRaw(
                                channel, ByteBuffer.allocate(4).putInt(1 << 30).array())));
            }

            TestExtension extension = join(loading);
            assertThat(extension.echo("loaded anyway")).isEqualTo("loaded anyway");
        });

        assertThat(refusals).containsExactly("closed", "closed", "closed");
        assertThat(log)
                .contains(
                        "extension 'besieged': refused a connection that did not present the" + " extension's secret");
        assertThat(log).contains("extension 'besieged': refused a connection with a broken handshake");
    }

    /** A peer that connects and stays silent during loading does not hold the real child off. */
    @Test
    void silentRogueClientDoesNotHoldUpTheLaunch() throws Exception {
        CompletableFuture<TestExtension> loading = CompletableFuture.supplyAsync(
                () -> manager.loadExtension(Fixtures.config("held-up").build()));
        Path socket = awaitSocketOfLoadingChild("held-up");
        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            writeRaw(silent, ByteBuffer.allocate(4).putInt(100).array()); // half a frame, then nothing

            TestExtension extension = loading.get(30, TimeUnit.SECONDS);

            assertThat(extension.echo("not held up")).isEqualTo("not held up");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static SocketChannel connect(Path socket) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /**
     * Lets {@code attack} write on {@code channel}, a rogue's connection, and returns "closed" once
     * the host closes it without a byte; anything else describes what went wrong.
     */
    private static String refusal(SocketChannel channel, IoConsumer<SocketChannel> attack) throws IOException {
        attack.accept(channel);
        CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                int read = channel.read(ByteBuffer.allocate(1));
                return read < 0 ? "closed" : "host sent " + read + " bytes to a rogue client";
            } catch (IOException e) {
                return "closed"; // reset by the host
            }
        });
        try {
            return outcome.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "not closed within 10 s: " + e;
        }
    }

    /** The socket of the child that is being started as {@code name}, as soon as it is bound. */
    private static Path awaitSocketOfLoadingChild(String name) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (ProcessHandle child : ProcessHandle.current().children().toList()) {
                Optional<List<String>> args = procCommandLine(child.pid());
                if (args.isPresent()
                        && args.get().contains(ChildMain.class.getName())
                        && args.get().contains(name)) {
                    Path socket = Path.of(Fixtures.optionValue(args.get(), "--socket"));
                    if (Files.exists(socket)) {
                        return socket;
                    }
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no child for extension '" + name + "' appeared");
    }

    /** The command line as the kernel shows it to other processes; empty without /proc. */
    private static Optional<List<String>> procCommandLine(long pid) throws IOException {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (!Files.isReadable(cmdline)) {
            return Optional.empty();
        }
        String raw = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
        return Optional.of(Arrays.asList(raw.split("\0")));
    }

    private static void write(SocketChannel channel, FrameType type, ByteBuffer body) throws IOException {
        new FrameWriter(channel).write(type, 0, body);
    }

    private static void writeRaw(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        return future.get(60, TimeUnit.SECONDS);
    }

    /** Runs {@code body} with System.err (where slf4j-simple logs) also copied into the result. */
    private static String captureStderr(IoRunnable body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        original.write(b);
                        synchronized (copy) {
                            copy.write(b);
                        }
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        original.write(b, off, len);
                        synchronized (copy) {
                            copy.write(b, off, len);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8);
        System.setErr(tee);
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    @FunctionalInterface
    private interface IoRunnable {
        void run() throws Exception;
    }
}
