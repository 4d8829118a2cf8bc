package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;

/**
 * The head of a CALL body, either way: which object, which method, and the hash of the interface
 * the caller was built against. The arguments' payload follows it, then the frame's segment, if any.
 *
 * @param objectId the id the callee was registered under
 * @param methodId the method's index in its interface's descriptor
 * @param interfaceHash the caller's interface hash; the callee refuses a call whose hash differs
 */
public record CallHeader(String objectId, int methodId, int interfaceHash) {
    /** The id under which the child exports the extension object itself. */
    public static final String EXTENSION_OBJECT_ID = "isolate4j.extension";

    /** {@return the header, to be followed by the arguments' payload} */
    public ByteBuffer encode() {
        return new BodyWriter()
                .putString(objectId)
                .putInt(methodId)
                .putInt(interfaceHash)
                .toBuffer();
    }

    /**
     * Reads the header {@link #encode()} wrote, leaving {@code body} at the payload.
     *
     * @param body the CALL frame's body
     * @return the header
     * @throws FrameException when the body is too short or malformed
     */
    public static CallHeader decode(BodyReader body) throws FrameException {
        return new CallHeader(body.getString(), body.getInt(), body.getInt());
    }
}
