package dev.isolate4j.internal.protocol;

import dev.isolate4j.ExtensionMemory;
import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;

/**
 * The MEMORY body, child to host: the child's answer to a MEMORY_QUERY with the same call id.
 *
 * @param memory the child's memory
 */
public record MemoryStatus(ExtensionMemory memory) {
    /** {@return the body} */
    public ByteBuffer encode() {
        return new BodyWriter()
                .putLong(memory.rssBytes())
                .putLong(memory.heapUsedBytes())
                .putLong(memory.heapCommittedBytes())
                .putLong(memory.heapMaxBytes())
                .toBuffer();
    }

    /**
     * Reads a body that {@link #encode()} wrote.
     *
     * @param bytes the body
     * @return the status
     * @throws FrameException when the body is malformed
     */
    public static MemoryStatus decode(ByteBuffer bytes) throws FrameException {
        BodyReader body = new BodyReader(bytes);
        return new MemoryStatus(new ExtensionMemory(body.getLong(), body.getLong(), body.getLong(), body.getLong()));
    }
}
