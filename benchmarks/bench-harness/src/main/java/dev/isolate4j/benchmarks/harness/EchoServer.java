package dev.isolate4j.benchmarks.harness;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import jnr.unixsocket.UnixServerSocketChannel;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;

/**
 * The baselines' server JVM: {@code EchoServer jdk|jnr <socket path>}. Binds, prints {@code READY},
 * then serves connections one thread each with {@link Wire}; exits when its stdin closes (the
 * harness holds it).
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        Path socket = Path.of(args[1]);
        ChildJvm.exitWhenParentGone();
        if (kind.equals("jdk")) {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            ChildJvm.ready("");
            while (true) {
                SocketChannel channel = server.accept();
                serveInThread(channel);
            }
        } else if (kind.equals("jnr")) {
            UnixServerSocketChannel server = UnixServerSocketChannel.open();
            server.socket().bind(new UnixSocketAddress(socket.toFile()));
            ChildJvm.ready("");
            while (true) {
                UnixSocketChannel channel = server.accept();
                serveInThread(channel);
            }
        } else {
            throw new IllegalArgumentException("unknown kind " + kind + ": jdk or jnr");
        }
    }

    private static void serveInThread(ByteChannel channel) {
        Thread thread = new Thread(
                () -> {
                    try (channel) {
                        Wire.serve(channel);
                    } catch (IOException e) {
                        System.err.println("echo server: " + e);
                    }
                },
                "echo");
        thread.setDaemon(true);
        thread.start();
    }
}
