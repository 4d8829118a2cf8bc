package dev.isolate4j.internal.framing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds a frame body from strings and numbers; read back with {@link BodyReader}. */
public final class BodyWriter {
    private byte[] bytes = new byte[64];
    private int size;

    /**
     * Appends a string: its UTF-8 length as an int, then the bytes.
     *
     * @param value the string
     * @return this writer
     */
    public BodyWriter putString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        return putBytes(utf8);
    }

    /**
     * Appends an int.
     *
     * @param value the int
     * @return this writer
     */
    public BodyWriter putInt(int value) {
        ensure(Integer.BYTES);
        ByteBuffer.wrap(bytes, size, Integer.BYTES).putInt(value);
        size += Integer.BYTES;
        return this;
    }

    /**
     * Appends a long.
     *
     * @param value the long
     * @return this writer
     */
    public BodyWriter putLong(long value) {
        ensure(Long.BYTES);
        ByteBuffer.wrap(bytes, size, Long.BYTES).putLong(value);
        size += Long.BYTES;
        return this;
    }

    /**
     * Appends bytes as they are, without a length.
     *
     * @param value the bytes
     * @return this writer
     */
    public BodyWriter putBytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** {@return the body written so far, ready to be written to a channel} */
    public ByteBuffer toBuffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
