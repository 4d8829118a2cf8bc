package dev.isolate4j.internal.transport;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketBuffersTest {
    @TempDir
    Path directory;

    @Test
    void aConnectionGetsTheLargestSendBufferTheSystemGrantsUpToFourMebibytes() throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("socket"));
        try (ServerSocketChannel server =
                        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
                SocketChannel client = SocketChannel.open(address);
                SocketChannel accepted = server.accept()) {
            int granted = Math.min(SocketBuffers.SEND_BUFFER_BYTES, systemMaximum());

            assertThat(SocketBuffers.enlarged(accepted)).isSameInstanceAs(accepted);
            // Linux reports twice what it granted: the other half is its own bookkeeping.
            assertThat(accepted.getOption(StandardSocketOptions.SO_SNDBUF)).isAtLeast(granted);
            assertThat(client.getOption(StandardSocketOptions.SO_SNDBUF))
                    .isLessThan(accepted.getOption(StandardSocketOptions.SO_SNDBUF));
        }
    }

    /** The system's maximum, or 0 where a container's network namespace hides it. */
    private static int systemMaximum() throws IOException {
        Path maximum = Path.of("/proc/sys/net/core/wmem_max");
        return Files.isReadable(maximum)
                ? Integer.parseInt(Files.readString(maximum).trim())
                : 0;
    }
}
