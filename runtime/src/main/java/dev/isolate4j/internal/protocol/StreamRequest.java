package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;

/**
 * The STREAM_REQUEST body, from a stream's receiver to its producer: how many more items the
 * receiver has room for. The first request of a stream also subscribes to it.
 *
 * @param count how many more items may be sent, 1 or more
 */
public record StreamRequest(long count) {
    /** {@return the body} */
    public ByteBuffer encode() {
        return new BodyWriter().putLong(count).toBuffer();
    }

    /**
     * Reads a body that {@link #encode()} wrote.
     *
     * @param bytes the body
     * @return the request
     * @throws FrameException when the body is malformed or the count is below 1
     */
    public static StreamRequest decode(ByteBuffer bytes) throws FrameException {
        long count = new BodyReader(bytes).getLong();
        if (count < 1) {
            throw new FrameException("STREAM_REQUEST for " + count + " items; accepted: 1 or more");
        }
        return new StreamRequest(count);
    }
}
