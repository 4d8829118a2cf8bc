package dev.isolate4j.internal.framing;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.internal.protocol.Hello;
import dev.isolate4j.internal.protocol.Ready;
import dev.isolate4j.internal.protocol.RemoteErrors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the frame decoder and of the handshake: valid frames are generated, then
 * mutated (bytes flipped, cut, extended, lengths/types/call ids replaced, bodies randomised). Every
 * input must either decode into frames that respect the limits, or fail with a {@link
 * FrameException} or {@link EOFException} (both {@link IOException}s) that carries a message; no
 * other exception, no hang, no allocation beyond the maximum frame.
 */
class FrameDecoderFuzzTest {
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int HELLO_MAX_BYTES = 4_096;
    private static final int INPUTS = 100_000;
    private static final int WARM_UP = 2_000;
    /** What a read may allocate besides the body: header buffers, the frame record, boxed values. */
    private static final long ALLOCATION_SLACK = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    @Timeout(60)
    void frameDecoderSurvivesMutatedFrames() {
        Random random = new Random(0x15_01A7E4L);
        Stats stats = new Stats();
        for (int i = 0; i < INPUTS; i++) {
            byte[] input = mutate(random, validStream(random));
            int chunk = random.nextInt(4) == 0 ? 1 + random.nextInt(7) : 0;
            long allocated = decodeAll(input, MAX_FRAME_BYTES, chunk, stats, i);
            // The first inputs load classes and bootstrap string concatenation, which allocates on
            // this thread; so may a rare one-off later (a deoptimisation, a lambda linked): a read
            // over the limit is decoded again, and only an over-allocation that repeats fails.
            if (i >= WARM_UP && allocated > MAX_FRAME_BYTES + ALLOCATION_SLACK) {
                long again = decodeAll(input, MAX_FRAME_BYTES, chunk, new Stats(), i);
                if (again > MAX_FRAME_BYTES + ALLOCATION_SLACK) {
                    throw new AssertionError("input " + i + ": one read allocated " + again + " bytes, max "
                            + MAX_FRAME_BYTES + ": " + hex(input));
                }
            }
        }
        // The generator must reach every outcome, or it tests less than it claims.
        assertThat(stats.frames).isGreaterThan(INPUTS / 10);
        assertThat(stats.frameErrors).isGreaterThan(INPUTS / 20);
        assertThat(stats.eofErrors).isGreaterThan(INPUTS / 20);
        assertThat(stats.bodyErrors).isGreaterThan(INPUTS / 20);
    }

    @Test
    @Timeout(60)
    void handshakeSurvivesMutatedHellos() {
        Random random = new Random(0x4E110L);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < INPUTS; i++) {
            Hello valid = new Hello(Hello.PROTOCOL_VERSION, randomSecret(random), random.nextLong());
            byte[] input = mutate(random, frame(FrameType.HELLO, 0, bytes(valid.encode())));
            Frame frame;
            try {
                // As the launcher reads it: one frame, at most HELLO_MAX_BYTES.
                frame = FrameReader.exact(Channels.newChannel(new ByteArrayInputStream(input)), HELLO_MAX_BYTES)
                        .read();
                if (frame == null) {
                    refused++;
                    continue;
                }
                Hello hello = Hello.decode(frame);
                assertThat(hello.secret()).isNotNull();
                if (hello.proves(valid.secret()) && hello.protocolVersion() == Hello.PROTOCOL_VERSION) {
                    accepted++;
                }
                // A random guess never proves anything, and never throws.
                assertThat(hello.proves(randomSecret(random) + "!")).isFalse();
            } catch (IOException e) {
                checkMessage(e, i, input);
                refused++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + i + " threw " + e + ": " + hex(input), e);
            }
        }
        assertThat(accepted).isGreaterThan(0);
        assertThat(refused).isGreaterThan(INPUTS / 2);
    }

    @Test
    @Timeout(60)
    void helloDecodeOfRandomFramesYieldsAHelloOrAFrameException() {
        Random random = new Random(77);
        for (int i = 0; i < INPUTS; i++) {
            FrameType type = random.nextInt(4) == 0
                    ? FrameType.values()[random.nextInt(FrameType.values().length)]
                    : FrameType.HELLO;
            byte[] body = new byte[random.nextInt(80)];
            random.nextBytes(body);
            if (body.length >= 8 && random.nextBoolean()) {
                // A plausible string length, so that decoding gets past the first fields.
                ByteBuffer.wrap(body, 4, 4).putInt(random.nextInt(body.length));
            }
            try {
                Hello hello = Hello.decode(new Frame(type, random.nextLong(), ByteBuffer.wrap(body)));
                assertThat(type).isEqualTo(FrameType.HELLO);
                assertThat(hello.proves("the real secret")).isFalse();
            } catch (FrameException e) {
                checkMessage(e, i, body);
            }
        }
    }

    @Test
    void lengthJustAboveTheMaximumFailsAtOnceWithoutAllocatingOrWaiting() throws Exception {
        Pipe pipe = Pipe.open();
        FrameReader reader = new FrameReader(pipe.source(), MAX_FRAME_BYTES);
        // Only the length: no type, no call id, no body will ever come (the pipe stays open).
        pipe.sink().write(ByteBuffer.allocate(4).putInt(MAX_FRAME_BYTES + 1).flip());

        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                reader.read();
                return new AssertionError("read a frame");
            } catch (IOException e) {
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                return allocated < ALLOCATION_SLACK ? e : new AssertionError("allocated " + allocated + " bytes", e);
            }
        });

        Throwable e = outcome.get(2, TimeUnit.SECONDS);
        assertThat(e).isInstanceOf(FrameException.class);
        assertThat(e)
                .hasMessageThat()
                .isEqualTo("frame length 65537 is outside the accepted range 9.." + MAX_FRAME_BYTES);
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    void aStalledMaximumFrameCostsWhatWasSentNotWhatWasAnnounced() throws IOException {
        int max = 1 << 30;
        int eager = 1 << 20;
        ByteBuffer input = ByteBuffer.allocate(13 + 3 * eager)
                .putInt(max)
                .put(FrameType.RESULT.code())
                .putLong(1)
                .put(new byte[3 * eager]);
        // Warm up: the same failure once, small, so that class loading does not count below.
        FrameReader small = new FrameReader(
                Channels.newChannel(new ByteArrayInputStream(Arrays.copyOf(input.array(), 20))), max, eager);
        assertThrows(EOFException.class, small::read);
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(input.array())), max, eager);

        long before = THREADS.getCurrentThreadAllocatedBytes();
        EOFException e = assertThrows(EOFException.class, reader::read);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertThat(e).hasMessageThat().contains("connection closed in the middle of a frame");
        // 3 MiB sent: buffers of 1, 2 and 4 MiB, far from the 1 GiB announced.
        assertThat(allocated).isAtMost(7L * eager + ALLOCATION_SLACK);
    }

    @Test
    void theDefaultEagerAllocationIsFarBelowTheDefaultMaximum() {
        assertThat(FrameReader.EAGER_BODY_BYTES).isAtMost(ExtensionManagerConfig.DEFAULT_MAX_FRAME_BYTES / 8);
    }

    @Test
    void aLargeFrameThatArrivesInFullIsReadIntact() throws IOException {
        int eager = 64 * 1024;
        int size = eager * 5 + 12_345;
        byte[] body = new byte[size];
        new Random(5).nextBytes(body);
        byte[] input = frame(FrameType.CALL, 99, body);
        // A channel that hands out at most 10,000 bytes per read, as a socket may.
        FrameReader reader = new FrameReader(chunked(input, 10_000), size + 9, eager);

        Frame frame = reader.read();

        assertThat(frame.callId()).isEqualTo(99);
        assertThat(frame.body().remaining()).isEqualTo(size);
        assertThat(Arrays.equals(bytes(frame.body()), body)).isTrue();
        assertThat(reader.read()).isNull();
    }

    // ---- the decoding loop and its checks ---------------------------------------------------------

    private static final class Stats {
        int frames;
        int frameErrors;
        int eofErrors;
        int bodyErrors;
    }

    /** Decodes every frame of {@code input}; returns the most that one read allocated. */
    private static long decodeAll(byte[] input, int max, int chunk, Stats stats, int index) {
        ReadableByteChannel channel =
                chunk == 0 ? Channels.newChannel(new ByteArrayInputStream(input)) : chunked(input, chunk);
        FrameReader reader = new FrameReader(channel, max, FrameReader.EAGER_BODY_BYTES);
        long mostAllocated = 0;
        // A stream of n bytes holds at most n / 13 frames: more reads than that would be a loop.
        for (int reads = 0; reads <= input.length / FrameFormat.HEADER_BYTES + 1; reads++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Frame frame;
            try {
                frame = reader.read();
            } catch (FrameException e) {
                checkMessage(e, index, input);
                stats.frameErrors++;
                return Math.max(mostAllocated, THREADS.getCurrentThreadAllocatedBytes() - before);
            } catch (EOFException e) {
                checkMessage(e, index, input);
                stats.eofErrors++;
                return Math.max(mostAllocated, THREADS.getCurrentThreadAllocatedBytes() - before);
            } catch (IOException e) {
                checkMessage(e, index, input);
                return Math.max(mostAllocated, THREADS.getCurrentThreadAllocatedBytes() - before);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + index + " threw " + e + ": " + hex(input), e);
            }
            mostAllocated = Math.max(mostAllocated, THREADS.getCurrentThreadAllocatedBytes() - before);
            if (frame == null) {
                return mostAllocated;
            }
            stats.frames++;
            assertThat(frame.type()).isNotNull();
            assertThat(frame.body().remaining()).isAtMost(max - FrameFormat.HEADER_REST_BYTES);
            decodeBodies(frame, stats, index, input);
        }
        throw new AssertionError("input " + index + " yielded more frames than it has bytes for: " + hex(input));
    }

    /** Every body decoder yields a value or a FrameException with a message, whatever the body. */
    private static void decodeBodies(Frame frame, Stats stats, int index, byte[] input) {
        try {
            Hello.decode(new Frame(FrameType.HELLO, 0, frame.body().duplicate()));
        } catch (FrameException e) {
            checkMessage(e, index, input);
            stats.bodyErrors++;
        }
        try {
            RemoteErrors.decode(frame.body().duplicate(), new StackTraceElement[0]);
        } catch (FrameException e) {
            checkMessage(e, index, input);
        }
        try {
            Ready.decode(frame.body().duplicate());
        } catch (FrameException e) {
            checkMessage(e, index, input);
        }
        BodyReader body = new BodyReader(frame.body().duplicate());
        try {
            body.getString();
            body.getInt();
            body.getLong();
        } catch (FrameException e) {
            checkMessage(e, index, input);
        }
    }

    private static void checkMessage(IOException e, int index, byte[] input) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("input " + index + " failed without a message: " + hex(input), e);
        }
    }

    // ---- generation -------------------------------------------------------------------------------

    /** One to three valid frames back to back, with bodies of the shapes the protocol uses. */
    private static byte[] validStream(Random random) {
        int count = 1 + random.nextInt(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            FrameType type = FrameType.values()[random.nextInt(FrameType.values().length)];
            out.writeBytes(frame(type, randomCallId(random), validBody(random)));
        }
        return out.toByteArray();
    }

    private static byte[] validBody(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return bytes(new Hello(Hello.PROTOCOL_VERSION, randomSecret(random), random.nextLong()).encode());
            case 1:
                return bytes(RemoteErrors.encode(new IllegalStateException(
                        "boom " + random.nextInt(), new IOException(random.nextBoolean() ? null : "cause"))));
            case 2: {
                BodyWriter body = new BodyWriter().putInt(1 + random.nextInt(3));
                for (int i = 0; i < 3; i++) {
                    body.putString("m" + i + "(int)void");
                }
                return bytes(body.toBuffer());
            }
            case 3:
                return bytes(new BodyWriter()
                        .putString("object-" + random.nextInt(100))
                        .putInt(random.nextInt(10))
                        .putInt(random.nextInt())
                        .putBytes(randomBytes(random, 40))
                        .toBuffer());
            default:
                return randomBytes(random, 200);
        }
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] bytes = valid;
        int mutations = random.nextInt(4); // 0: the valid input itself, now and then
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(8)) {
                case 0 -> { // flip bytes
                    bytes = bytes.clone();
                    for (int k = 0, n = 1 + random.nextInt(4); k < n && bytes.length > 0; k++) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // truncate
                case 2 -> { // extend with random bytes
                    byte[] tail = randomBytes(random, 64);
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
                    System.arraycopy(tail, 0, longer, bytes.length, tail.length);
                    bytes = longer;
                }
                case 3 -> bytes = withInt(bytes, 0, randomLength(random)); // the length field
                case 4 -> bytes = withByte(bytes, 4, (byte) random.nextInt(256)); // the type
                case 5 -> bytes = withLong(bytes, 5, randomCallId(random)); // the call id
                case 6 -> { // the body, replaced by random bytes of the announced size
                    if (bytes.length > FrameFormat.HEADER_BYTES) {
                        bytes = bytes.clone();
                        byte[] body = randomBytes(random, bytes.length - FrameFormat.HEADER_BYTES);
                        System.arraycopy(body, 0, bytes, FrameFormat.HEADER_BYTES, body.length);
                    }
                }
                default -> { // a random int somewhere in the body: string lengths, counts
                    if (bytes.length >= FrameFormat.HEADER_BYTES + 4) {
                        int at = FrameFormat.HEADER_BYTES + random.nextInt(bytes.length - FrameFormat.HEADER_BYTES - 3);
                        bytes = withInt(bytes, at, randomLength(random));
                    }
                }
            }
        }
        return bytes;
    }

    private static int randomLength(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt();
            case 1 -> MAX_FRAME_BYTES + random.nextInt(3) - 1; // around the maximum
            case 2 -> Integer.MAX_VALUE - random.nextInt(2);
            case 3 -> -random.nextInt(3);
            case 4 -> FrameFormat.HEADER_REST_BYTES + random.nextInt(3) - 1; // around the minimum
            default -> random.nextInt(300);
        };
    }

    private static long randomCallId(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Long.MIN_VALUE;
            case 2 -> -1;
            default -> random.nextLong();
        };
    }

    private static String randomSecret(Random random) {
        byte[] bytes = randomBytes(random, 48);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] frame(FrameType type, long callId, byte[] body) {
        return ByteBuffer.allocate(FrameFormat.HEADER_BYTES + body.length)
                .putInt(FrameFormat.HEADER_REST_BYTES + body.length)
                .put(type.code())
                .putLong(callId)
                .put(body)
                .array();
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        if (bytes.length < at + 4) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(at, value);
        return copy;
    }

    private static byte[] withByte(byte[] bytes, int at, byte value) {
        if (bytes.length <= at) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] withLong(byte[] bytes, int at, long value) {
        if (bytes.length < at + 8) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putLong(at, value);
        return copy;
    }

    /**
     * A channel that returns at most {@code chunk} bytes per read, as a socket may; it allocates
     * nothing per read, so that the allocation measured is the reader's own.
     */
    private static ReadableByteChannel chunked(byte[] input, int chunk) {
        return new ReadableByteChannel() {
            private int position;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) {
                if (position == input.length) {
                    return -1;
                }
                int n = Math.min(Math.min(chunk, dst.remaining()), input.length - position);
                dst.put(input, position, n);
                position += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    private static String hex(byte[] input) {
        return HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
    }
}
