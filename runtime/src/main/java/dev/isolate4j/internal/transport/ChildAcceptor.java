package dev.isolate4j.internal.transport;

import static dev.isolate4j.internal.Closeables.closeQuietly;

import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.protocol.Hello;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a child's connection on its private socket: the first peer whose {@link Hello} proves the
 * secret the child was given wins; the others are refused and logged.
 *
 * <p>Each handshake runs on a thread of its own, so that a peer that connects and stays silent
 * cannot hold the real child off; at most {@link #MAX_CONCURRENT_HANDSHAKES} run at once, and each
 * is cut off after {@link #HANDSHAKE_TIMEOUT_MILLIS}.
 *
 * <pre>{@code
 * String secret = ChildAcceptor.newSecret();             // handed to the child on its stdin
 * ChildAcceptor.Accepted child = ChildAcceptor.accept(server, "greeter", secret, deadline, checkAlive);
 * }</pre>
 */
public final class ChildAcceptor {
    private static final Logger log = LoggerFactory.getLogger(ChildAcceptor.class);
    private static final int HELLO_MAX_BYTES = 4_096;
    private static final long POLL_MILLIS = 20;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_CONCURRENT_HANDSHAKES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The authenticated connection.
     *
     * @param channel the child's channel, blocking
     * @param hello what the child said first
     */
    public record Accepted(SocketChannel channel, Hello hello) {}

    private ChildAcceptor() {}

    /** {@return a new secret: 32 random bytes, URL-safe base64} */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Accepts connections until one proves {@code secret}.
     *
     * @param server the bound private socket
     * @param name the extension's name, for the log
     * @param secret what the child must prove
     * @param deadline {@link System#nanoTime()} after which a handshake is cut off
     * @param whileWaiting runs between polls; throws to give up (the child exited, the start timed out)
     * @return the child's connection
     * @throws IOException when the socket fails
     */
    public static Accepted accept(
            ServerSocketChannel server, String name, String secret, long deadline, Runnable whileWaiting)
            throws IOException {
        CompletableFuture<Accepted> child = new CompletableFuture<>();
        AtomicInteger handshakes = new AtomicInteger();
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            // The handshake that proves the secret ends on its own thread: wake the loop at once.
            child.whenComplete((accepted, error) -> selector.wakeup());
            while (!child.isDone()) {
                selector.select(POLL_MILLIS);
                selector.selectedKeys().clear();
                SocketChannel channel = server.accept();
                if (channel != null) {
                    handshake(channel, name, secret, deadline, handshakes, child);
                }
                if (!child.isDone()) {
                    whileWaiting.run();
                }
            }
        }
        return child.join();
    }

    private static void handshake(
            SocketChannel channel,
            String name,
            String secret,
            long deadline,
            AtomicInteger handshakes,
            CompletableFuture<Accepted> child) {
        if (handshakes.incrementAndGet() > MAX_CONCURRENT_HANDSHAKES) {
            handshakes.decrementAndGet();
            log.warn("extension '{}': refused a connection: too many handshakes at once", name);
            closeQuietly(channel);
            return;
        }
        DaemonThreads.start("isolate4j-" + name + "-handshake", () -> {
            try {
                Hello hello = authenticated(channel, name, secret, deadline);
                if (hello != null && !child.complete(new Accepted(channel, hello))) {
                    closeQuietly(channel); // a second channel that knows the secret: keep the first
                }
            } catch (IOException e) {
                closeQuietly(channel);
            } finally {
                handshakes.decrementAndGet();
            }
        });
    }

    /** The child's HELLO when it proves the secret; null (and the channel closed) otherwise. */
    private static Hello authenticated(SocketChannel channel, String name, String secret, long deadline)
            throws IOException {
        channel.configureBlocking(true);
        // A peer that connects and stays silent is cut off; the real child sends its HELLO at once.
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        long timeout = Math.max(1, Math.min(HANDSHAKE_TIMEOUT_MILLIS, remaining));
        CompletableFuture<Void> watchdog =
                new CompletableFuture<Void>().completeOnTimeout(null, timeout, TimeUnit.MILLISECONDS);
        watchdog.thenRun(() -> closeQuietly(channel));
        try {
            var frame = FrameReader.exact(channel, HELLO_MAX_BYTES).read();
            Hello hello = frame == null ? null : Hello.decode(frame);
            if (hello != null && hello.protocolVersion() == Hello.PROTOCOL_VERSION && hello.proves(secret)) {
                return hello;
            }
            log.warn("extension '{}': refused a connection that did not present the extension's secret", name);
        } catch (IOException e) {
            log.warn("extension '{}': refused a connection with a broken handshake: {}", name, e.toString());
        } finally {
            watchdog.cancel(false);
        }
        closeQuietly(channel);
        return null;
    }
}
