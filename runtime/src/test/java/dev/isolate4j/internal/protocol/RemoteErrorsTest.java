package dev.isolate4j.internal.protocol;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.protocol.RemoteErrors.Decoded;
import dev.isolate4j.internal.protocol.RemoteErrors.FieldValue;
import java.io.FileNotFoundException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ERROR body with and without the exception's field values. */
class RemoteErrorsTest {
    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    @Test
    void bodyWithoutFieldsDecodesToNone() throws Exception {
        Decoded decoded =
                RemoteErrors.decodeWithFields(RemoteErrors.encode(new FileNotFoundException("gone")), NO_FRAMES);

        assertThat(decoded.exception().remoteClassName()).isEqualTo(FileNotFoundException.class.getName());
        assertThat(decoded.exception().remoteMessage()).isEqualTo("gone");
        assertThat(decoded.fields()).isEmpty();
    }

    @Test
    void fieldsFollowTheChainInOrder() throws Exception {
        Exception error = new Exception("outer", new IllegalStateException("inner"));
        List<FieldValue> fields =
                List.of(new FieldValue("code", new byte[] {4, 2, 9}), new FieldValue("empty", new byte[0]));

        Decoded decoded = RemoteErrors.decodeWithFields(RemoteErrors.encode(error, fields), NO_FRAMES);

        assertThat(decoded.exception().remoteMessage()).isEqualTo("outer");
        assertThat(decoded.exception()).hasCauseThat().hasMessageThat().contains("inner");
        assertThat(decoded.fields()).hasSize(2);
        assertThat(decoded.fields().get(0).name()).isEqualTo("code");
        assertThat(decoded.fields().get(0).value()).isEqualTo(new byte[] {4, 2, 9});
        assertThat(decoded.fields().get(1).name()).isEqualTo("empty");
        assertThat(decoded.fields().get(1).value()).isEmpty();
    }

    @Test
    void fieldLengthBeyondTheBodyIsAFrameException() {
        ByteBuffer body = withLastIntReplaced(
                RemoteErrors.encode(new Exception("e"), List.of(new FieldValue("code", new byte[0]))), 1_000);

        FrameException e = assertThrows(FrameException.class, () -> RemoteErrors.decodeWithFields(body, NO_FRAMES));

        assertThat(e).hasMessageThat().contains("exception field code holds 1000 bytes, but 0 bytes are left");
    }

    @Test
    void negativeFieldLengthIsAFrameException() {
        ByteBuffer body = withLastIntReplaced(
                RemoteErrors.encode(new Exception("e"), List.of(new FieldValue("code", new byte[0]))), -1);

        assertThrows(FrameException.class, () -> RemoteErrors.decodeWithFields(body, NO_FRAMES));
    }

    @Test
    void fieldCountOutOfBoundsIsAFrameException() {
        ByteBuffer chain = RemoteErrors.encode(new Exception("e"));
        ByteBuffer body = ByteBuffer.allocate(chain.remaining() + Integer.BYTES);
        body.put(chain).putInt(Integer.MAX_VALUE).flip();

        FrameException e = assertThrows(FrameException.class, () -> RemoteErrors.decodeWithFields(body, NO_FRAMES));

        assertThat(e).hasMessageThat().contains("holds 2147483647 exception fields");
    }

    /** A copy of {@code body} whose last int, the length of an empty last field, is {@code value}. */
    private static ByteBuffer withLastIntReplaced(ByteBuffer body, int value) {
        ByteBuffer copy = ByteBuffer.allocate(body.remaining());
        copy.put(body.duplicate()).flip();
        copy.putInt(copy.limit() - Integer.BYTES, value);
        return copy;
    }
}
