package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The READY body, child to host: the extension is loaded and its hooks ran. It carries the method
 * signatures of the extension interface as the child was built, which the host compares with its
 * own before it hands out a proxy.
 *
 * @param signatures the method signatures, in method id order
 */
public record Ready(List<String> signatures) {
    private static final int MAX_METHODS = 65_536;

    /** Copies the list. */
    public Ready {
        signatures = List.copyOf(signatures);
    }

    /**
     * The READY of an extension built against {@code descriptor}.
     *
     * @param descriptor the extension interface's descriptor
     * @return its signatures
     */
    public static Ready of(RemoteInterface<?> descriptor) {
        return new Ready(
                descriptor.methods().stream().map(MethodDescriptor::signature).toList());
    }

    /** {@return the body} */
    public ByteBuffer encode() {
        BodyWriter body = new BodyWriter().putInt(signatures.size());
        signatures.forEach(body::putString);
        return body.toBuffer();
    }

    /**
     * Reads a body that {@link #encode()} wrote.
     *
     * @param bytes the body
     * @return the READY
     * @throws FrameException when the body is malformed or lists too many methods
     */
    public static Ready decode(ByteBuffer bytes) throws FrameException {
        BodyReader body = new BodyReader(bytes);
        int count = body.getInt();
        if (count < 0 || count > MAX_METHODS) {
            throw new FrameException("READY frame lists " + count + " methods; accepted: 0.." + MAX_METHODS);
        }
        List<String> signatures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            signatures.add(body.getString());
        }
        return new Ready(signatures);
    }
}
