package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The head of a CALL body, either way: which object, which method, and the hash of the interface
 * the caller was built against. The arguments' payload follows it, then the frame's segment, if any.
 *
 * @param objectId the id the callee was registered under
 * @param methodId the method's index in its interface's descriptor
 * @param interfaceHash the caller's interface hash; the callee refuses a call whose hash differs
 * @param metadata what the caller's interceptors put on the call (empty without interceptors)
 */
public record CallHeader(String objectId, int methodId, int interfaceHash, Map<String, String> metadata) {
    /** The id under which the child exports the extension object itself. */
    public static final String EXTENSION_OBJECT_ID = "isolate4j.extension";

    /** Bounds what a peer can make this side read into a call's metadata. */
    private static final int MAX_METADATA_ENTRIES = 64;

    /**
     * A header without metadata.
     *
     * @param objectId see {@link #objectId()}
     * @param methodId see {@link #methodId()}
     * @param interfaceHash see {@link #interfaceHash()}
     */
    public CallHeader(String objectId, int methodId, int interfaceHash) {
        this(objectId, methodId, interfaceHash, Map.of());
    }

    /** {@return the header, to be followed by the arguments' payload} */
    public ByteBuffer encode() {
        BodyWriter writer = new BodyWriter()
                .putString(objectId)
                .putInt(methodId)
                .putInt(interfaceHash)
                .putInt(metadata.size());
        metadata.forEach((key, value) -> writer.putString(key).putString(value));
        return writer.toBuffer();
    }

    /**
     * Reads the header {@link #encode()} wrote, leaving {@code body} at the payload.
     *
     * @param body the CALL frame's body
     * @return the header
     * @throws FrameException when the body is too short or malformed
     */
    public static CallHeader decode(BodyReader body) throws FrameException {
        String objectId = body.getString();
        int methodId = body.getInt();
        int interfaceHash = body.getInt();
        int entries = body.getInt();
        if (entries < 0 || entries > MAX_METADATA_ENTRIES) {
            throw new FrameException(
                    "call header holds " + entries + " metadata entries; accepted: 0.." + MAX_METADATA_ENTRIES);
        }
        if (entries == 0) {
            return new CallHeader(objectId, methodId, interfaceHash, Map.of());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            metadata.put(body.getString(), body.getString());
        }
        return new CallHeader(objectId, methodId, interfaceHash, metadata);
    }
}
