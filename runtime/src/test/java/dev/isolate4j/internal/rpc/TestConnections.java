package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.transport.UninterruptibleChannel;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Connections for this package's tests: no object lookup, no control frames, a peer's end named. */
final class TestConnections {
    private TestConnections() {}

    /** A connection over {@code socket}. */
    static RpcConnection over(String name, SocketChannel socket, ConnectionSettings settings) throws IOException {
        return over(name, UninterruptibleChannel.of(socket), settings);
    }

    /** A connection over {@code channel}. */
    static RpcConnection over(String name, UninterruptibleChannel channel, ConnectionSettings settings) {
        return over(name, Ends.named(name), channel, settings);
    }

    /** A connection over {@code channel} whose messages name its ends as {@code ends} says. */
    static RpcConnection over(String name, Ends ends, UninterruptibleChannel channel, ConnectionSettings settings) {
        return new RpcConnection(
                name,
                ends,
                channel,
                settings,
                new PayloadSerializer(),
                new LocalObjects(ObjectLookup.NONE),
                frame -> {
                    throw new IOException("unexpected control frame " + frame.type());
                },
                io -> new IllegalStateException("peer of " + name + " gone"));
    }
}
