package dev.isolate4j.internal.framing;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads the fields that {@link BodyWriter} wrote, checking every length against what is left. */
public final class BodyReader {
    private final ByteBuffer body;

    /**
     * Reads {@code body} from its position.
     *
     * @param body the frame body
     */
    public BodyReader(ByteBuffer body) {
        this.body = body;
    }

    /**
     * Reads a string: its UTF-8 length as an int, then the bytes.
     *
     * @return the string
     * @throws FrameException when the body ends early
     */
    public String getString() throws FrameException {
        int length = getInt();
        if (length < 0 || length > body.remaining()) {
            throw new FrameException(
                    "string length " + length + " exceeds the " + body.remaining() + " bytes left in the frame");
        }
        byte[] utf8 = new byte[length];
        body.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * Reads an int.
     *
     * @return the int
     * @throws FrameException when the body ends early
     */
    public int getInt() throws FrameException {
        try {
            return body.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated("an int");
        }
    }

    /**
     * Reads a long.
     *
     * @return the long
     * @throws FrameException when the body ends early
     */
    public long getLong() throws FrameException {
        try {
            return body.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated("a long");
        }
    }

    /** {@return what is left of the body, as a view (no copy)} */
    public ByteBuffer rest() {
        return body.slice();
    }

    private FrameException truncated(String what) {
        return new FrameException("frame body ends where " + what + " was expected");
    }
}
