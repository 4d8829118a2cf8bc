package dev.isolate4j.internal.protocol;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each frame body reads back what was written, and a truncated one is refused. */
class BodiesTest {
    @Test
    void hello() throws Exception {
        Hello hello = new Hello(Hello.PROTOCOL_VERSION, "s3cret", 4242);

        Hello read = Hello.decode(new Frame(FrameType.HELLO, 0, hello.encode()));

        assertThat(read).isEqualTo(hello);
        assertThat(read.proves("s3cret")).isTrue();
        assertThat(read.proves("s3cre")).isFalse();
    }

    @Test
    void ready() throws Exception {
        Ready ready = new Ready(List.of("echo(java.lang.String)java.lang.String", "pid()long"));

        assertThat(Ready.decode(ready.encode())).isEqualTo(ready);
    }

    @Test
    void callHeaderLeavesTheReaderAtThePayload() throws Exception {
        CallHeader header = new CallHeader(CallHeader.EXTENSION_OBJECT_ID, 7, 0xCAFE);
        ByteBuffer payload = ByteBuffer.wrap("arguments".getBytes(StandardCharsets.UTF_8));
        ByteBuffer body = ByteBuffer.allocate(header.encode().remaining() + payload.remaining())
                .put(header.encode())
                .put(payload)
                .flip();

        BodyReader reader = new BodyReader(body);
        CallHeader read = CallHeader.decode(reader);

        assertThat(read).isEqualTo(header);
        assertThat(StandardCharsets.UTF_8.decode(reader.rest()).toString()).isEqualTo("arguments");
    }

    @Test
    void callHeaderCarriesTheInterceptorsMetadataInOrder() throws Exception {
        CallHeader header = new CallHeader("obj", 1, 2, java.util.Map.of("traceparent", "00-ab-cd-01"));

        CallHeader read = CallHeader.decode(new BodyReader(header.encode()));

        assertThat(read).isEqualTo(header);
        assertThat(new CallHeader("obj", 1, 2).metadata()).isEmpty();
    }

    @Test
    void callHeaderRefusesMoreMetadataThanACallCarries() {
        ByteBuffer body = new BodyWriter()
                .putString("obj")
                .putInt(1)
                .putInt(2)
                .putInt(1_000_000)
                .toBuffer();

        FrameException e = assertThrows(FrameException.class, () -> CallHeader.decode(new BodyReader(body)));

        assertThat(e).hasMessageThat().contains("1000000 metadata entries; accepted: 0..64");
    }

    @Test
    void streamRequest() throws Exception {
        StreamRequest request = new StreamRequest(32);

        assertThat(StreamRequest.decode(request.encode())).isEqualTo(request);
        assertThat(assertThrows(FrameException.class, () -> StreamRequest.decode(new StreamRequest(0).encode())))
                .hasMessageThat()
                .contains("STREAM_REQUEST for 0 items");
        assertThrows(FrameException.class, () -> StreamRequest.decode(ByteBuffer.allocate(3)));
    }

    @Test
    void logEventWithItsMdcAndThrowable() throws Exception {
        LogEvent event = new LogEvent(
                3,
                "dev.acme.Ocr",
                "slow page 7",
                "worker-1",
                java.util.Map.of("request", "r-1"),
                RemoteErrors.encode(new IllegalStateException("boom")));

        LogEvent read = LogEvent.decode(event.encode());

        assertThat(List.of(read.level(), read.logger(), read.message(), read.thread(), read.mdc()))
                .containsExactly(3, "dev.acme.Ocr", "slow page 7", "worker-1", java.util.Map.of("request", "r-1"))
                .inOrder();
        assertThat(RemoteErrors.decode(read.error(), new StackTraceElement[0]).remoteMessage())
                .isEqualTo("boom");
        assertThat(LogEvent.decode(new LogEvent(2, "l", "m", "t", java.util.Map.of(), null).encode())
                        .error())
                .isNull();
        assertThrows(
                FrameException.class,
                () -> LogEvent.decode(new BodyWriter().putInt(9).toBuffer()));
    }

    @Test
    void release() throws Exception {
        Release release = new Release("ref:12", 3);

        assertThat(Release.decode(release.encode())).isEqualTo(release);
    }

    @Test
    void event() throws Exception {
        Event event = new Event("progress", ByteBuffer.wrap(new byte[] {1, 2, 3}));

        Event read = Event.decode(event.encode());

        assertThat(read.name()).isEqualTo("progress");
        byte[] payload = new byte[read.payload().remaining()];
        read.payload().get(payload);
        assertThat(payload).isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void errorKeepsClassMessageAndCause() throws Exception {
        IllegalStateException error = new IllegalStateException("outer", new IllegalArgumentException("inner"));

        RemoteMethodException read = RemoteErrors.decode(RemoteErrors.encode(error), new StackTraceElement[0]);

        assertThat(read.remoteClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(read.remoteMessage()).isEqualTo("outer");
        assertThat(((RemoteMethodException) read.getCause()).remoteClassName())
                .isEqualTo(IllegalArgumentException.class.getName());
    }

    @Test
    void truncatedBodiesAreRefused() {
        ByteBuffer truncated = new BodyWriter().putString("only-the-id").toBuffer();

        assertThrows(FrameException.class, () -> Release.decode(truncated.duplicate()));
        assertThrows(FrameException.class, () -> CallHeader.decode(new BodyReader(truncated.duplicate())));
        assertThrows(FrameException.class, () -> Ready.decode(truncated.duplicate()));
        assertThrows(
                FrameException.class,
                () -> Hello.decode(
                        new Frame(FrameType.HELLO, 0, new BodyWriter().putInt(2).toBuffer())));
    }
}
