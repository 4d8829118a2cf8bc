package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;

/**
 * The EVENT body, child to host: an event for the host's handlers.
 *
 * @param name the event's name
 * @param payload the serialized payload, read by the connection's serializer
 */
public record Event(String name, ByteBuffer payload) {
    /** {@return the body} */
    public ByteBuffer encode() {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return new BodyWriter().putString(name).putBytes(bytes).toBuffer();
    }

    /**
     * Reads a body that {@link #encode()} wrote.
     *
     * @param bytes the body
     * @return the event; its payload is a view of {@code bytes}
     * @throws FrameException when the body is malformed
     */
    public static Event decode(ByteBuffer bytes) throws FrameException {
        BodyReader body = new BodyReader(bytes);
        return new Event(body.getString(), body.rest());
    }
}
