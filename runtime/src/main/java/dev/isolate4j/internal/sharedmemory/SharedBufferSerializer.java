package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.SharedBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.fory.config.Config;
import org.apache.fory.context.ReadContext;
import org.apache.fory.context.WriteContext;
import org.apache.fory.memory.MemoryBuffer;
import org.apache.fory.serializer.Serializer;

/**
 * Writes a {@link SharedBuffer} as its handle (file, size, read-only) and maps it again on the
 * other side: the memory itself never crosses. Without shared memory enabled for the connection,
 * it refuses the buffer with a message that says how to enable it.
 */
public final class SharedBufferSerializer extends Serializer<SharedBuffer> {
    private static final int MAX_PATH_BYTES = 4096;

    private final String disabledReason;

    /**
     * Creates the serializer for one connection.
     *
     * @param config Fory's configuration
     * @param disabledReason
     * {@code null} when shared memory is enabled; otherwise what to tell a caller
     *     who passes a buffer
     */
    public SharedBufferSerializer(Config config, String disabledReason) {
        super(config, SharedBuffer.class);
        this.disabledReason = disabledReason;
    }

    @Override
    public void write(WriteContext context, SharedBuffer value) {
        refuseWhenDisabled();
        MemoryBuffer buffer = context.getBuffer();
        byte[] path = value.file().toString().getBytes(StandardCharsets.UTF_8);
        buffer.writeInt32(path.length);
        buffer.writeBytes(path);
        buffer.writeInt64(value.size());
        buffer.writeBoolean(value.isReadOnly());
    }

    @Override
    public SharedBuffer read(ReadContext context) {
        MemoryBuffer buffer = context.getBuffer();
        int length = buffer.readInt32();
        if (length < 1 || length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("shared buffer handle with a path of " + length + " bytes");
        }
        Path file = Path.of(new String(buffer.readBytes(length), StandardCharsets.UTF_8));
        long size = buffer.readInt64();
        boolean readOnly = buffer.readBoolean();
        refuseWhenDisabled();
        try {
            return BufferAttacher.attach(file, size, readOnly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map shared buffer " + file + ": " + e.getMessage(), e);
        }
    }

    private void refuseWhenDisabled() {
        if (disabledReason != null) {
            throw new IllegalArgumentException(disabledReason);
        }
    }
}
