package dev.isolate4j.benchmarks.jmh;

import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frame encoding and decoding, in memory: {@link FrameWriter} into a growable channel, {@link
 * FrameReader} out of it. No system calls, so this is the framing's own cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmark {

    @Param({"64", "65536"})
    public int bodyBytes;

    private MemoryChannel channel;
    private FrameWriter writer;
    private FrameReader reader;
    private ByteBuffer header;
    private ByteBuffer payload;

    @Setup
    public void setUp() {
        channel = new MemoryChannel(bodyBytes + 64);
        writer = new FrameWriter(channel);
        reader = new FrameReader(channel, 1 << 30);
        header = ByteBuffer.allocate(24);
        payload = ByteBuffer.allocate(bodyBytes - header.capacity() > 0 ? bodyBytes - header.capacity() : 1);
    }

    /** Writes one CALL frame with a two-part body, as a call does. */
    @Benchmark
    public int write() throws IOException {
        channel.reset();
        writer.write(FrameType.CALL, 42, header.clear(), payload.clear());
        return channel.size();
    }

    /** Writes one frame and reads it back. */
    @Benchmark
    public Frame writeAndRead() throws IOException {
        channel.reset();
        writer.write(FrameType.CALL, 42, header.clear(), payload.clear());
        return reader.read();
    }

    /** A byte channel over one array: writes append, reads consume. */
    static final class MemoryChannel implements ByteChannel, GatheringByteChannel {
        private final ByteBuffer data;
        private int readPosition;

        MemoryChannel(int capacity) {
            data = ByteBuffer.allocate(capacity);
        }

        void reset() {
            data.clear();
            readPosition = 0;
        }

        int size() {
            return data.position();
        }

        @Override
        public int read(ByteBuffer dst) {
            int available = data.position() - readPosition;
            if (available == 0) {
                return -1;
            }
            int n = Math.min(available, dst.remaining());
            dst.put(data.array(), readPosition, n);
            readPosition += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            data.put(src);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
