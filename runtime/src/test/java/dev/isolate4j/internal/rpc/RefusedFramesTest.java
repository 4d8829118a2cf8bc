package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.framing.BodyAdmission;
import dev.isolate4j.internal.transport.UninterruptibleChannel;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame the receiving side has no room for fails its own call, with the receiver's reason, and
 * the connection carries on: arguments refused by the callee, a result refused by the caller.
 */
@Timeout(30)
class RefusedFramesTest {
    private static final int MAX_FRAME_BYTES = 64 << 20;

    @TempDir
    Path tmp;

    RpcConnection server;
    RpcConnection client;
    Echo echo;

    @BeforeEach
    void connect() throws IOException {
        Path socket = tmp.resolve("refused.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel clientChannel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel serverChannel = listener.accept();
            server = connection("server", serverChannel, roomFor(16 << 20, "the server"));
            client = connection("client", clientChannel, roomFor(8 << 20, "the client"));
        }
        server.localObjects().register("echo", LocalObject.of(RemoteInterfaces.of(Echo.class), new Echoes()));
        server.start();
        client.start();
        echo = RemoteObjectTarget.proxy(client, "echo", RemoteInterfaces.of(Echo.class), Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        client.close(new IllegalStateException("test over"));
        server.close(new IllegalStateException("test over"));
    }

    @Test
    void argumentsTheCalleeHasNoRoomForFailThatCallAlone() {
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> echo.echo("x".repeat(10 << 20)));

        assertThat(e).hasMessageThat().startsWith("the call's arguments were refused by server: the server has");
        assertThat(echo.echo("small")).isEqualTo("small");
        assertThat(client.isOpen()).isTrue();
    }

    /**
     * Both ends of a host's connection are named after the extension (threads, log lines), but
     * what the host refused, a child's callback to it, must not read as refused by the extension.
     */
    @Test
    void argumentsTheHostHasNoRoomForAreRefusedByTheHostNotByTheExtension() throws IOException {
        Path socket = tmp.resolve("host.sock");
        RpcConnection host;
        RpcConnection child;
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel childChannel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            host = TestConnections.over(
                    "ocr", Ends.host("ocr"), UninterruptibleChannel.of(listener.accept()), settings(16, "the host"));
            child = TestConnections.over(
                    "ocr", Ends.child("ocr"), UninterruptibleChannel.of(childChannel), settings(64, "the child"));
        }
        host.localObjects().register("echo", LocalObject.of(RemoteInterfaces.of(Echo.class), new Echoes()));
        host.start();
        child.start();
        try {
            Echo hostEcho =
                    RemoteObjectTarget.proxy(child, "echo", RemoteInterfaces.of(Echo.class), Duration.ofSeconds(10));

            RemoteCallException e = assertThrows(RemoteCallException.class, () -> hostEcho.echo("x".repeat(10 << 20)));

            assertThat(e).hasMessageThat().startsWith("the call's arguments were refused by the host: the host has");
            assertThat(Ends.child("ocr").self()).isEqualTo("extension 'ocr'");
        } finally {
            child.close(new IllegalStateException("test over"));
            host.close(new IllegalStateException("test over"));
        }
    }

    @Test
    void aResultTheCallerHasNoRoomForFailsThatCallAlone() {
        // 6 MiB there fits the server's 16; the same back needs about 12 of the client's 8.
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> echo.echo("y".repeat(6 << 20)));

        assertThat(e).hasMessageThat().startsWith("the result of Echo.echo() on echo in client was refused:");
        assertThat(e).hasMessageThat().contains("the client has");
        assertThat(echo.echo("after")).isEqualTo("after");
    }

    /** Admits bodies that need at most {@code bytes} of heap. */
    private static BodyAdmission roomFor(long bytes, String whose) {
        return (type, wireBytes, heapBytes) ->
                heapBytes <= bytes ? null : whose + " has room for " + bytes + " bytes, not " + heapBytes;
    }

    private static ConnectionSettings settings(int heapMiB, String whose) {
        return new ConnectionSettings(MAX_FRAME_BYTES, Duration.ofSeconds(10), roomFor(heapMiB << 20, whose));
    }

    private static RpcConnection connection(String name, SocketChannel channel, BodyAdmission admission)
            throws IOException {
        return TestConnections.over(
                name, channel, new ConnectionSettings(MAX_FRAME_BYTES, Duration.ofSeconds(10), admission));
    }

    private static final class Echoes implements Echo {
        @Override
        public String echo(String text) {
            return text;
        }

        @Override
        public CompletableFuture<String> later(String text, long delayMillis) {
            return CompletableFuture.completedFuture(text);
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(millis);
        }

        @Override
        public Point mirror(Point point) {
            return point;
        }
    }
}
