package dev.isolate4j.internal.sharedmemory;

import dev.isolate4j.SharedBuffer;
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
        byte[] path = SharedBufferHandles.path(value);
        buffer.writeInt32(path.length);
        buffer.writeBytes(path);
        buffer.writeInt64(value.size());
        buffer.writeBoolean(value.isReadOnly());
    }

    @Override
    public SharedBuffer read(ReadContext context) {
        MemoryBuffer buffer = context.getBuffer();
        byte[] path = buffer.readBytes(SharedBufferHandles.checkPathLength(buffer.readInt32()));
        long size = buffer.readInt64();
        boolean readOnly = buffer.readBoolean();
        refuseWhenDisabled();
        return SharedBufferHandles.attach(path, size, readOnly);
    }

    private void refuseWhenDisabled() {
        if (disabledReason != null) {
            throw new IllegalArgumentException(disabledReason);
        }
    }
}
