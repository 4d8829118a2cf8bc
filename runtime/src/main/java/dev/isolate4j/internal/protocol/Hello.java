package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The child's first frame: it proves the child is the process the host started (the secret was
 * handed to it on its stdin, never on a command line) and tells the host its pid.
 */
public record Hello(int protocolVersion, String secret, long pid) {
    /**
     * The version of the protocol this runtime speaks; host and child must agree. 2: payloads start
     * with a format byte, and CALL and RESULT frames may end with a segment.
     */
    public static final int PROTOCOL_VERSION = 2;

    /** {@return the HELLO frame's body} */
    public ByteBuffer encode() {
        return new BodyWriter()
                .putInt(protocolVersion)
                .putString(secret)
                .putLong(pid)
                .toBuffer();
    }

    /**
     * Reads the HELLO frame that {@link #encode()} wrote.
     *
     * @param frame the child's first frame
     * @return the hello
     * @throws FrameException when the frame is not a well-formed HELLO frame
     */
    public static Hello decode(Frame frame) throws FrameException {
        if (frame.type() != FrameType.HELLO) {
            throw new FrameException("expected a HELLO frame first, got " + frame.type());
        }
        BodyReader body = new BodyReader(frame.body());
        return new Hello(body.getInt(), body.getString(), body.getLong());
    }

    /**
     * Compares secrets in constant time.
     *
     * @param expectedSecret the secret the host handed the child
     * @return whether this hello carries it
     */
    public boolean proves(String expectedSecret) {
        return MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), expectedSecret.getBytes(StandardCharsets.UTF_8));
    }
}
