package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.SharedBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@link SharedBuffer}'s handle as it crosses (its file, size and whether it is read-only), for
 * both encodings of a payload: Fory's ({@link SharedBufferSerializer}) and the runtime's own. The
 * memory itself never crosses: the reader maps the file again.
 */
public final class SharedBufferHandles {
    /** The longest path a handle may name: Linux's {@code PATH_MAX}. */
    public static final int MAX_PATH_BYTES = 4096;

    private SharedBufferHandles() {}

    /** {@return the path of {@code buffer}'s file, as the handle carries it} */
    public static byte[] path(SharedBuffer buffer) {
        return buffer.file().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a handle's path length as read, before its bytes are.
     *
     * @throws IllegalArgumentException when it is not 1 to {@link #MAX_PATH_BYTES} bytes
     */
    public static int checkPathLength(int length) {
        if (length < 1 || length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("shared buffer handle with a path of " + length + " bytes");
        }
        return length;
    }

    /**
     * Maps the buffer a handle names.
     *
     * @throws UncheckedIOException when the file cannot be mapped
     */
    public static SharedBuffer attach(byte[] path, long size, boolean readOnly) {
        Path file = Path.of(new String(path, StandardCharsets.UTF_8));
        try {
            return BufferAttacher.attach(file, size, readOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map shared buffer " + file + ": " + e.getMessage(), e);
        }
    }
}
