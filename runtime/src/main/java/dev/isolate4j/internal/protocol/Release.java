package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;

/**
 * The RELEASE body, either way: the sender dropped the proxies it held to an object it was passed
 * by reference, which it had received {@code count} times. The owner forgets the object once every
 * send is released.
 *
 * @param objectId the reference's id
 * @param count how many of its sends the sender releases
 */
public record Release(String objectId, int count) {
    /** {@return the body} */
    public ByteBuffer encode() {
        return new BodyWriter().putString(objectId).putInt(count).toBuffer();
    }

    /**
     * Reads a body that {@link #encode()} wrote.
     *
     * @param bytes the body
     * @return the release
     * @throws FrameException when the body is malformed
     */
    public static Release decode(ByteBuffer bytes) throws FrameException {
        BodyReader body = new BodyReader(bytes);
        return new Release(body.getString(), body.getInt());
    }
}
