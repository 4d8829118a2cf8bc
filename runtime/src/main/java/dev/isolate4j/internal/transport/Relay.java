package dev.isolate4j.internal.transport;

import dev.isolate4j.internal.DaemonThreads;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the bytes of each connection accepted on one socket to a new connection to another, both
 * ways, until either side closes: how a debugger on the host's loopback reaches the JDWP agent of a
 * child that has no network of its own (host: TCP to the child's Unix socket; child: that socket to
 * its agent's loopback port). Two daemon threads per connection; debugging needs no more.
 */
public final class Relay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final CompletableFuture<Void> firstConnection = new CompletableFuture<>();

    private Relay(ServerSocketChannel server, SocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /**
     * Starts accepting on {@code server}, which is bound, and relaying to {@code target}.
     *
     * @param name names the threads
     * @return the relay; close it to stop accepting
     */
    public static Relay start(String name, ServerSocketChannel server, SocketAddress target) {
        Relay relay = new Relay(server, target);
        DaemonThreads.start(name + "-accept", relay::acceptLoop);
        return relay;
    }

    /** {@return completes when a first connection was accepted and its target reached} */
    public CompletableFuture<Void> firstConnection() {
        return firstConnection;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel accepted = server.accept();
                SocketChannel onward = SocketChannel.open(target);
                firstConnection.complete(null);
                DaemonThreads.start("isolate4j-relay-in", () -> pump(accepted, onward));
                DaemonThreads.start("isolate4j-relay-out", () -> pump(onward, accepted));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.debug("relay to {}: a connection failed: {}", target, e.toString());
                }
            }
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try (from;
                to) {
            while (from.read(buffer.clear()) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
            }
        } catch (IOException e) {
            // either side went away: both are closed on the way out
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
