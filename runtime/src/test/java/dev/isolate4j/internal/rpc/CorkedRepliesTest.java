package dev.isolate4j.internal.rpc;

import static com.google.common.truth.Truth.assertThat;

import dev.isolate4j.internal.transport.UninterruptibleChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replies a reading thread corks go out before it reads again; when the peer is slow to read
 * them, that write waits, and the connection's other frames must not wait with it. Two connections
 * over pipes, the server's replies passing through a relay the test holds shut.
 */
class CorkedRepliesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private RpcConnection server;
    private RpcConnection client;

    @AfterEach
    void close() {
        callers.shutdownNow();
        if (client != null) {
            client.close(new IllegalStateException("test over"));
        }
        if (server != null) {
            server.close(new IllegalStateException("test over"));
        }
    }

    /**
     * 100 calls whose replies, 100 KB together, are corked by the server's reading thread and do not
     * fit in the pipe to a client that does not read yet: the reading thread's flush waits. A call
     * sent after them must still reach its method, and once the client reads, every reply arrives.
     */
    @Test
    void aReaderWhoseCorkedRepliesWaitForThePeerHandsTheReadingOver() throws Exception {
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        Pipe toClient = Pipe.open();
        Relay relay = new Relay(fromServer.source(), toClient.sink());
        EchoImpl served = new EchoImpl();
        server = connection("server", UninterruptibleChannel.of(toServer.source(), fromServer.sink()));
        client = connection("client", UninterruptibleChannel.of(toClient.source(), toServer.sink()));
        server.localObjects().register("echo", LocalObject.of(RemoteInterfaces.of(Echo.class), served));
        server.serializer().register(RemoteInterfaces.of(Echo.class));
        server.start();
        client.start();
        Echo echo = RemoteObjectTarget.proxy(client, "echo", RemoteInterfaces.of(Echo.class), TIMEOUT);

        String text = "x".repeat(1_000);
        List<Future<String>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(callers.submit(() -> echo.echo(text)));
        }
        assertThat(served.echoed.tryAcquire(100, 10, TimeUnit.SECONDS)).isTrue();
        Future<?> sleep = callers.submit(() -> {
            echo.sleep(0);
            return null;
        });

        assertThat(served.sleepStarted.await(10, TimeUnit.SECONDS)).isTrue();
        relay.start();
        for (Future<String> reply : replies) {
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(text);
        }
        sleep.get(10, TimeUnit.SECONDS);
        assertThat(server.isOpen()).isTrue();
    }

    private static RpcConnection connection(String name, UninterruptibleChannel channel) {
        return TestConnections.over(name, channel, new ConnectionSettings(1 << 20, TIMEOUT));
    }

    /** Copies one pipe into another once started: until then, what is written to it stays in the pipe. */
    private static final class Relay {
        private final Thread thread;

        Relay(Pipe.SourceChannel from, Pipe.SinkChannel to) {
            thread = new Thread(
                    () -> {
                        ByteBuffer buffer = ByteBuffer.allocate(8192);
                        try {
                            while (from.read(buffer) >= 0) {
                                buffer.flip();
                                while (buffer.hasRemaining()) {
                                    to.write(buffer);
                                }
                                buffer.clear();
                            }
                        } catch (IOException e) {
                            // a connection closed at the end of the test
                        }
                    },
                    "relay");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }
    }
}
