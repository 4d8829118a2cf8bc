package dev.isolate4j.internal.protocol;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LOG body, child to host: one event of the child's SLF4J or {@code java.util.logging}, which
 * the host logs through its own SLF4J as the same logger, at the same level.
 *
 * @param level 0 trace, 1 debug, 2 info, 3 warn, 4 error
 * @param logger the logger's name
 * @param message the message, formatted
 * @param thread the child's thread that logged it
 * @param mdc the child's MDC when it was logged
 * @param error the throwable logged with it, encoded by {@link RemoteErrors}, or {@code null}
 */
public record LogEvent(
        int level, String logger, String message, String thread, Map<String, String> mdc, ByteBuffer error) {
    private static final int MAX_MDC_ENTRIES = 64;

    /** Copies the MDC. */
    public LogEvent {
        mdc = Map.copyOf(mdc);
    }

    /** {@return the body} */
    public ByteBuffer encode() {
        BodyWriter body = new BodyWriter()
                .putInt(level)
                .putString(logger)
                .putString(message)
                .putString(thread)
                .putInt(mdc.size());
        mdc.forEach((key, value) -> body.putString(key).putString(value));
        if (error == null) {
            body.putInt(0);
        } else {
            // Last, so that it needs no length of its own: the rest of the body.
            ByteBuffer bytes = error.duplicate();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            body.putInt(1).putBytes(copy);
        }
        return body.toBuffer();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws FrameException when the body is malformed
     */
    public static LogEvent decode(ByteBuffer bytes) throws FrameException {
        BodyReader body = new BodyReader(bytes);
        int level = body.getInt();
        if (level < 0 || level > 4) {
            throw new FrameException("log event of level " + level + "; accepted: 0 (trace) .. 4 (error)");
        }
        String logger = body.getString();
        String message = body.getString();
        String thread = body.getString();
        int entries = body.getInt();
        if (entries < 0 || entries > MAX_MDC_ENTRIES) {
            throw new FrameException("log event with " + entries + " MDC entries; accepted: 0.." + MAX_MDC_ENTRIES);
        }
        Map<String, String> mdc = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            mdc.put(body.getString(), body.getString());
        }
        ByteBuffer error = body.getInt() == 0 ? null : body.rest();
        return new LogEvent(level, logger, message, thread, mdc, error);
    }
}
