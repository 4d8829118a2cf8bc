package dev.isolate4j.internal.framing;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FrameReaderTest {
    Pipe pipe;
    FrameReader reader;

    @BeforeEach
    void open() throws IOException {
        pipe = Pipe.open();
        reader = new FrameReader(pipe.source(), 1024);
    }

    @Test
    void readsWhatTheWriterWrote() throws IOException {
        new FrameWriter(pipe.sink()).write(FrameType.CALL, 42, utf8("head"), utf8("-tail"));

        Frame frame = reader.read();

        assertThat(frame.type()).isEqualTo(FrameType.CALL);
        assertThat(frame.callId()).isEqualTo(42);
        assertThat(StandardCharsets.UTF_8.decode(frame.body()).toString()).isEqualTo("head-tail");
    }

    @Test
    void framesThatArriveTogetherAreReadOneByOne() throws IOException {
        FrameWriter writer = new FrameWriter(pipe.sink());
        for (int i = 0; i < 200; i++) {
            writer.write(FrameType.RESULT, i, utf8("result " + i));
        }
        pipe.sink().close();

        for (int i = 0; i < 200; i++) {
            Frame frame = reader.read();
            assertThat(frame.callId()).isEqualTo(i);
            assertThat(StandardCharsets.UTF_8.decode(frame.body()).toString()).isEqualTo("result " + i);
        }
        assertThat(reader.read()).isNull();
    }

    @Test
    void anExactReaderLeavesTheNextFrameToTheNextReader() throws IOException {
        // As a handshake: its reader takes one frame, then the connection's reader takes over.
        FrameWriter writer = new FrameWriter(pipe.sink());
        writer.write(FrameType.HELLO, 0, utf8("hello"));
        writer.write(FrameType.READY, 0, utf8("ready"));

        Frame hello = FrameReader.exact(pipe.source(), 1024).read();
        Frame ready = reader.read();

        assertThat(StandardCharsets.UTF_8.decode(hello.body()).toString()).isEqualTo("hello");
        assertThat(ready.type()).isEqualTo(FrameType.READY);
        assertThat(StandardCharsets.UTF_8.decode(ready.body()).toString()).isEqualTo("ready");
    }

    @Test
    void aSegmentArrivesInAnArrayOfItsOwnAfterTheBody() throws IOException {
        byte[] segment = new byte[300];
        segment[299] = 7;
        new FrameWriter(pipe.sink()).write(FrameType.RESULT, 5, segment, utf8("body"));

        Frame frame = reader.read();

        assertThat(frame.type()).isEqualTo(FrameType.RESULT);
        assertThat(StandardCharsets.UTF_8.decode(frame.body()).toString()).isEqualTo("body");
        assertThat(frame.segment()).hasLength(300);
        assertThat(frame.segment()[299]).isEqualTo(7);
    }

    @Test
    @Timeout(30)
    void framesAroundALargeOneArriveIntact() throws Exception {
        // A large frame moves reader and writer to larger buffers and back: nothing read ahead may be
        // lost.
        byte[] largeBody = randomBytes(FrameReader.LARGE_READ_BYTES + 5, 1);
        byte[] largeSegment = randomBytes(FrameWriter.LARGE_WRITE_BYTES + 7, 2);
        FrameReader large = new FrameReader(pipe.source(), 4 << 20);
        Thread writing = new Thread(() -> {
            try {
                FrameWriter writer = new FrameWriter(pipe.sink());
                writer.write(FrameType.RESULT, 1, utf8("before"));
                writer.write(FrameType.CALL, 2, ByteBuffer.wrap(largeBody));
                writer.write(FrameType.RESULT, 3, largeSegment, utf8("body"));
                writer.write(FrameType.RESULT, 4, utf8("after"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                closeQuietly();
            }
        });
        writing.setDaemon(true);
        writing.start();

        assertThat(text(large.read())).isEqualTo("before");
        Frame body = large.read();
        assertThat(body.callId()).isEqualTo(2);
        assertThat(bytes(body.body())).isEqualTo(largeBody);
        Frame segmented = large.read();
        assertThat(text(segmented)).isEqualTo("body");
        assertThat(segmented.segment()).isEqualTo(largeSegment);
        assertThat(text(large.read())).isEqualTo("after");
        assertThat(large.bufferCapacity()).isEqualTo(FrameReader.READ_AHEAD_BYTES);
        assertThat(large.read()).isNull();
        writing.join();
    }

    @Test
    void aSegmentOnAFrameOtherThanCallOrResultIsRefused() throws IOException {
        write(ByteBuffer.allocate(17)
                .putInt(13)
                .put((byte) (15 | 0x80))
                .putLong(0)
                .putInt(0)
                .flip());

        assertThat(assertThrows(FrameException.class, reader::read))
                .hasMessageThat()
                .contains("a EVENT frame carries a segment; only CALL, RESULT and STREAM_ITEM frames may");
    }

    @Test
    void aPlacedSegmentIsRefusedWithoutTheSegmentFlagOrWhereTheConnectionReadsNone() throws IOException {
        write(placedCallFrame(0x40));
        assertThat(assertThrows(FrameException.class, reader::read))
                .hasMessageThat()
                .contains("says its segment was placed in shared memory, but not that it has a segment");

        FrameReader next = new FrameReader(pipe.source(), 1024);
        write(placedCallFrame(0x80 | 0x40));
        assertThat(assertThrows(FrameException.class, next::read))
                .hasMessageThat()
                .contains("a frame's segment of 2097152 bytes was placed in shared memory, which this connection does"
                        + " not read");
    }

    /** A CALL frame with {@code flags} whose 2 MiB segment says it was placed as ticket 1. */
    private static ByteBuffer placedCallFrame(int flags) {
        return ByteBuffer.allocate(25)
                .putInt(21)
                .put((byte) (11 | flags))
                .putLong(0)
                .putInt(2 << 20)
                .putLong(1)
                .flip();
    }

    @Test
    void aSegmentLongerThanItsFrameIsRefused() throws IOException {
        write(ByteBuffer.allocate(19)
                .putInt(15)
                .put((byte) (11 | 0x80))
                .putLong(0)
                .putInt(100)
                .putShort((short) 0)
                .flip());

        assertThat(assertThrows(FrameException.class, reader::read))
                .hasMessageThat()
                .contains("segment of 100 bytes does not fit in a body of 6 bytes");
    }

    @Test
    void cleanEndBetweenFramesIsNull() throws IOException {
        pipe.sink().close();

        assertThat(reader.read()).isNull();
    }

    @Test
    void lengthAboveTheMaximumIsRefusedBeforeReadingTheBody() throws IOException {
        write(ByteBuffer.allocate(13).putInt(1025).put((byte) 10).putLong(0).flip());

        FrameException e = assertThrows(FrameException.class, reader::read);

        assertThat(e).hasMessageThat().contains("frame length 1025 is outside the accepted range 9..1024");
    }

    @Test
    void negativeLengthIsRefused() throws IOException {
        write(ByteBuffer.allocate(13).putInt(-1).put((byte) 10).putLong(0).flip());

        assertThat(assertThrows(FrameException.class, reader::read))
                .hasMessageThat()
                .contains("frame length -1");
    }

    @Test
    void unknownTypeIsRefused() throws IOException {
        write(ByteBuffer.allocate(13).putInt(9).put((byte) 99).putLong(1).flip());

        assertThat(assertThrows(FrameException.class, reader::read))
                .hasMessageThat()
                .contains("unknown frame type 99");
    }

    @Test
    void truncatedFrameIsAnEofError() throws IOException {
        write(ByteBuffer.allocate(15)
                .putInt(20)
                .put((byte) 11)
                .putLong(1)
                .putShort((short) 7)
                .flip());
        pipe.sink().close();

        EOFException e = assertThrows(EOFException.class, reader::read);

        assertThat(e).hasMessageThat().contains("2 of 11 bytes read");
    }

    @Test
    void bodyReaderRefusesAStringLongerThanTheBody() {
        BodyReader body = new BodyReader(new BodyWriter().putInt(100).putLong(1).toBuffer());

        assertThat(assertThrows(FrameException.class, body::getString))
                .hasMessageThat()
                .contains("string length 100 exceeds the 8 bytes left");
    }

    private void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            pipe.sink().write(bytes);
        }
    }

    private void closeQuietly() {
        try {
            pipe.sink().close();
        } catch (IOException ignored) {
            // the reader then sees the end early, and the test fails there
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String text(Frame frame) {
        return StandardCharsets.UTF_8.decode(frame.body()).toString();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
