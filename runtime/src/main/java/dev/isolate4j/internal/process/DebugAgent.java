package dev.isolate4j.internal.process;

import dev.isolate4j.Debug;
import dev.isolate4j.internal.child.ChildArguments;
import dev.isolate4j.internal.transport.Relay;
import dev.isolate4j.internal.transport.SocketDirectory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One start's JDWP agent, and how a debugger on the host's loopback reaches it. A child that shares
 * the host's network listens on the host's port itself. A sandboxed child without network has a
 * loopback of its own, where its agent listens on {@link ChildArguments#DEBUG_AGENT_PORT}: the host then listens
 * on the port and relays each connection to a socket the child accepts in its private socket
 * directory, which the child relays to its agent. Either way the port is on {@code 127.0.0.1}
 * alone.
 */
final class DebugAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DebugAgent.class);

    private final Debug debug;
    private final Path relaySocket;
    private final Relay hostRelay;
    private final int port;

    private DebugAgent(Debug debug, Path relaySocket, Relay hostRelay, int port) {
        this.debug = debug;
        this.relaySocket = relaySocket;
        this.hostRelay = hostRelay;
        this.port = port;
    }

    /**
     * Prepares the agent of a child about to start: binds the host's port now, so that it is known,
     * and taken, before the child exists.
     *
     * @param ownNetwork whether the child runs in a sandbox without network
     */
    static DebugAgent prepare(String name, Debug debug, boolean ownNetwork, SocketDirectory directory)
            throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (!ownNetwork) {
            int port = debug.port() != 0 ? debug.port() : freePort(loopback);
            return new DebugAgent(debug, null, null, port);
        }
        Path relaySocket = directory.directory().resolve("debug.sock");
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(loopback, debug.port()));
        } catch (IOException e) {
            server.close();
            throw new IOException(
                    "cannot listen for a debugger of extension '" + name + "' on "
                            + loopback.getHostAddress() + ":" + debug.port() + ": " + e.getMessage()
                            + "; choose another port, or Debug.anyPort()",
                    e);
        }
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        Relay relay = Relay.start("isolate4j-" + name + "-debug", server, UnixDomainSocketAddress.of(relaySocket));
        return new DebugAgent(debug, relaySocket, relay, port);
    }

    private static int freePort(InetAddress loopback) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            return probe.getLocalPort();
        }
    }

    /** {@return the JVM option that starts the agent} */
    List<String> jvmOptions() {
        boolean relayed = relaySocket != null;
        // Relayed, the child cannot be suspended by its agent: its relay is Java code of its own,
        // which must run first. The child waits for the debugger itself instead (ChildMain).
        String suspend = !relayed && debug.suspend() ? "y" : "n";
        int agentPort = relayed ? ChildArguments.DEBUG_AGENT_PORT : port;
        return List.of(
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=" + suspend + ",address=127.0.0.1:" + agentPort);
    }

    /** {@return where the child accepts the relayed connections, or {@code null} when not relayed} */
    Path relaySocket() {
        return relaySocket;
    }

    /** {@return whether the child itself waits for the debugger: suspended, through the relay} */
    boolean childWaits() {
        return relaySocket != null && debug.suspend();
    }

    /** {@return whether the start waits for a debugger, however long that takes} */
    boolean suspend() {
        return debug.suspend();
    }

    /** {@return the host's port the debugger attaches to} */
    int port() {
        return port;
    }

    void logWhereToAttach(String name) {
        log.info(
                "extension '{}' listens for a debugger on 127.0.0.1:{} (jdb -attach 127.0.0.1:{}, or an IDE's"
                        + " remote JVM debug configuration on that port){}",
                name,
                port,
                port,
                debug.suspend() ? "; it waits for the debugger before it loads" : "");
    }

    @Override
    public void close() throws IOException {
        if (hostRelay != null) {
            hostRelay.close();
        }
    }
}
