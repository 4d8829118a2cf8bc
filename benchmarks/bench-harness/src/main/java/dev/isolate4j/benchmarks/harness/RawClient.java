package dev.isolate4j.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The raw socket's client for the paired rows, in a JVM of its own: {@code RawClient <socket path>}.
 * Connects to an {@link EchoServer}, prints {@code READY}, then times what the harness asks on stdin,
 * one command a line, and answers each on one line of stdout:
 *
 * <pre>
 * small COUNT BYTES      ->  the nanoseconds of each of COUNT ping-pongs of BYTES, space-separated
 * big COUNT BYTES        ->  the nanoseconds of COUNT echoes of BYTES, in all
 * inflight SLOTS MILLIS  ->  messages per second with SLOTS always outstanding, for MILLIS
 *                            (one writer thread and one reader, {@link Baselines#writerAndReader})
 * </pre>
 *
 * Why a JVM of its own: in the host's, the client's buffers for the 64 MiB row (two heap arrays of
 * 64 MiB, and the JDK's direct copy of each) sat in the heap beside isolate4j's, and on JDK 25 they
 * pushed G1 into growing the host's heap rather than collecting it, so that every large result of
 * isolate4j's landed in memory the host had never touched (docs/benchmarks.md, "Where the JDK 25
 * misses come from"). The client times itself, so the wire between the two JVMs adds nothing to its
 * figures.
 */
public final class RawClient {
    private RawClient() {}

    public static void main(String[] args) throws Exception {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        Wire.Client raw = new Wire.Client(channel);
        ChildJvm.ready("");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = System.out;
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.split(" ");
            int first = Integer.parseInt(words[1]);
            int second = Integer.parseInt(words[2]);
            switch (words[0]) {
                case "small" -> out.println(small(raw, first, second));
                case "big" -> out.println(big(raw, first, second));
                case "inflight" -> out.println(Baselines.writerAndReader(raw, first, second / 1e3));
                default -> throw new IllegalArgumentException("unknown command " + line + ": small, big or inflight");
            }
            out.flush();
        }
        raw.close();
    }

    private static String small(Wire.Client raw, int count, int bytes) throws IOException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            raw.call(bytes, bytes);
            nanos[i] = System.nanoTime() - start;
        }
        StringBuilder answer = new StringBuilder(count * 6);
        for (long n : nanos) {
            answer.append(n).append(' ');
        }
        return answer.toString().trim();
    }

    private static long big(Wire.Client raw, int count, int bytes) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            raw.call(bytes, bytes);
        }
        return System.nanoTime() - start;
    }

    /** The harness's side: asks a {@code RawClient} JVM to time rounds. */
    static final class Remote implements AutoCloseable {
        private final ChildJvm jvm;

        private Remote(ChildJvm jvm) {
            this.jvm = jvm;
        }

        /** Starts a client JVM connected to the echo server at {@code socket}. */
        static Remote start(Path socket) throws IOException {
            return new Remote(ChildJvm.startConversing(RawClient.class, socket.toString()));
        }

        /** The nanoseconds of each of {@code count} ping-pongs of {@code bytes}. */
        long[] small(int count, int bytes) throws IOException {
            if (count == 0) {
                return new long[0];
            }
            String[] words = jvm.ask("small " + count + " " + bytes).split(" ");
            long[] nanos = new long[words.length];
            for (int i = 0; i < words.length; i++) {
                nanos[i] = Long.parseLong(words[i]);
            }
            return nanos;
        }

        /** The nanoseconds of {@code count} echoes of {@code bytes}, in all. */
        long big(int count, int bytes) throws IOException {
            if (count == 0) {
                return 0;
            }
            return Long.parseLong(jvm.ask("big " + count + " " + bytes));
        }

        /** Messages per second with {@code slots} always outstanding, for {@code seconds}. */
        double inFlight(int slots, double seconds) throws IOException {
            return Double.parseDouble(jvm.ask("inflight " + slots + " " + Math.round(seconds * 1e3)));
        }

        @Override
        public void close() throws IOException {
            jvm.close();
        }
    }
}
