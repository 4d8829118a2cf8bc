package dev.isolate4j.internal.child;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** What host and child agree on beyond frames: the extension's object id and the READY body. */
public final class ExtensionProtocol {
    /** The id under which the child exports the extension object itself. */
    public static final String EXTENSION_OBJECT_ID = "isolate4j.extension";

    private static final int MAX_METHODS = 65_536;

    private ExtensionProtocol() {}

    /**
     * The READY body: the extension interface's method signatures as the child was built.
     *
     * @param descriptor the extension interface's descriptor
     * @return the body
     */
    public static ByteBuffer encodeSignatures(RemoteInterface<?> descriptor) {
        BodyWriter body = new BodyWriter().putInt(descriptor.methods().size());
        for (MethodDescriptor method : descriptor.methods()) {
            body.putString(method.signature());
        }
        return body.toBuffer();
    }

    /**
     * Reads a READY body that {@link #encodeSignatures} wrote.
     *
     * @param bytes the body
     * @return the method signatures, in method id order
     * @throws FrameException when the body is malformed or lists too many methods
     */
    public static List<String> decodeSignatures(ByteBuffer bytes) throws FrameException {
        BodyReader body = new BodyReader(bytes);
        int count = body.getInt();
        if (count < 0 || count > MAX_METHODS) {
            throw new FrameException("READY frame lists " + count + " methods; accepted: 0.." + MAX_METHODS);
        }
        List<String> signatures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            signatures.add(body.getString());
        }
        return signatures;
    }
}
