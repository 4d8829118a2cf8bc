package dev.isolate4j.benchmarks.harness;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The raw JVM start that start-up rows compare with: a JVM that starts, opens a Unix domain socket
 * and says so, then exits. Nothing else is on its class path.
 */
public final class RawStart {
    private RawStart() {}

    public static void main(String[] args) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(args[0]));
            channel.write(ByteBuffer.wrap(new byte[] {'u', 'p'}));
        }
    }
}
