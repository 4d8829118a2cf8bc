package dev.isolate4j.internal.protocol;

import dev.isolate4j.RemoteMethodException;
import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.FrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Encodes an exception and its cause chain as plain strings (class name, message, stack frames),
 * not with the serializer: an exception must cross even when its class is unknown on the other
 * side or holds fields that cannot be serialized.
 *
 * <p>The chain may be followed by a section of the outermost exception's own field values, each a
 * name and the bytes the payload serializer wrote for it: a count, then per field its name, the
 * length of its bytes and the bytes. A body without it (nothing after the chain) holds no fields.
 */
public final class RemoteErrors {
    /** Bounds what a peer can make us build; deeper chains are cut. */
    private static final int MAX_CHAIN = 32;

    private static final int MAX_FRAMES = 1024;

    /** Bounds the field section; an exception's classes declare a handful. */
    private static final int MAX_FIELDS = 1024;

    /** Longer messages are cut when encoded, so that an error always fits in a frame. */
    private static final int MAX_MESSAGE_CHARS = 64 * 1024;

    private RemoteErrors() {}

    /**
     * A field of the exception as it crosses: its name and its value, serialized.
     *
     * @param name the field's name
     * @param value what the payload serializer wrote for the field's value
     */
    public record FieldValue(String name, byte[] value) {}

    /**
     * What an ERROR frame holds.
     *
     * @param exception the outermost exception of the chain
     * @param fields the outermost exception's field values; empty when the body has none
     */
    public record Decoded(RemoteMethodException exception, List<FieldValue> fields) {}

    /**
     * Encodes {@code error} and its causes: class names, messages (cut when very long) and stack
     * traces.
     *
     * @param error the exception to send
     * @return the encoded body
     */
    public static ByteBuffer encode(Throwable error) {
        return encode(error, List.of());
    }

    /**
     * Encodes {@code error} and its causes as {@link #encode(Throwable)} does, followed by the
     * values of the outermost exception's fields, when there are any.
     *
     * @param error the exception to send
     * @param fields its field values, serialized; may be empty
     * @return the encoded body
     */
    public static ByteBuffer encode(Throwable error, List<FieldValue> fields) {
        List<Throwable> chain = chain(error);
        BodyWriter body = new BodyWriter().putInt(chain.size());
        for (Throwable t : chain) {
            body.putString(t.getClass().getName());
            String message = messageOf(t);
            body.putInt(message == null ? 0 : 1);
            if (message != null) {
                body.putString(message);
            }
            StackTraceElement[] frames = t.getStackTrace();
            int count = Math.min(frames.length, MAX_FRAMES);
            body.putInt(count);
            for (int i = 0; i < count; i++) {
                body.putString(frames[i].getClassName())
                        .putString(frames[i].getMethodName())
                        .putString(frames[i].getFileName() == null ? "" : frames[i].getFileName())
                        .putInt(frames[i].getLineNumber());
            }
        }
        if (!fields.isEmpty()) {
            body.putInt(fields.size());
            for (FieldValue field : fields) {
                body.putString(field.name()).putInt(field.value().length).putBytes(field.value());
            }
        }
        return body.toBuffer();
    }

    /**
     * Decodes what {@link #encode} wrote into a chain of {@link RemoteMethodException}s whose stack traces
     * are the remote frames followed by {@code localFrames}.
     *
     * @param bytes the encoded body
     * @param localFrames this side's frames of the call
     * @return the outermost exception of the chain
     * @throws FrameException when the body is malformed
     */
    public static RemoteMethodException decode(ByteBuffer bytes, StackTraceElement[] localFrames)
            throws FrameException {
        return decodeWithFields(bytes, localFrames).exception();
    }

    /**
     * Decodes what {@link #encode(Throwable, List)} wrote: the chain as {@link #decode} does, and the
     * field values, if the body has them.
     *
     * @param bytes the encoded body
     * @param localFrames this side's frames of the call
     * @return the outermost exception of the chain and its field values
     * @throws FrameException when the body is malformed
     */
    public static Decoded decodeWithFields(ByteBuffer bytes, StackTraceElement[] localFrames) throws FrameException {
        ByteBuffer in = bytes.duplicate();
        BodyReader body = new BodyReader(in);
        int count = body.getInt();
        if (count < 1 || count > MAX_CHAIN) {
            throw new FrameException("error frame holds " + count + " exceptions; accepted: 1.." + MAX_CHAIN);
        }
        List<String> classNames = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<StackTraceElement[]> traces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            classNames.add(body.getString());
            messages.add(body.getInt() == 0 ? null : body.getString());
            traces.add(readFrames(body));
        }
        RemoteMethodException cause = null;
        for (int i = count - 1; i >= 0; i--) {
            RemoteMethodException e = new RemoteMethodException(classNames.get(i), messages.get(i), cause);
            e.setStackTrace(i == 0 ? concat(traces.get(i), localFrames) : traces.get(i));
            cause = e;
        }
        return new Decoded(cause, in.hasRemaining() ? readFields(body, in) : List.of());
    }

    private static List<FieldValue> readFields(BodyReader body, ByteBuffer in) throws FrameException {
        int count = body.getInt();
        if (count < 0 || count > MAX_FIELDS) {
            throw new FrameException("error frame holds " + count + " exception fields; accepted: 0.." + MAX_FIELDS);
        }
        List<FieldValue> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = body.getString();
            int length = body.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new FrameException("exception field " + name + " holds " + length + " bytes, but "
                        + in.remaining() + " bytes are left in the error frame");
            }
            byte[] value = new byte[length];
            in.get(value);
            fields.add(new FieldValue(name, value));
        }
        return fields;
    }

    private static StackTraceElement[] readFrames(BodyReader body) throws FrameException {
        int count = body.getInt();
        if (count < 0 || count > MAX_FRAMES) {
            throw new FrameException("error frame holds " + count + " stack frames; accepted: 0.." + MAX_FRAMES);
        }
        StackTraceElement[] frames = new StackTraceElement[count];
        for (int i = 0; i < count; i++) {
            String className = body.getString();
            String method = body.getString();
            String file = body.getString();
            frames[i] = new StackTraceElement(className, method, file.isEmpty() ? null : file, body.getInt());
        }
        return frames;
    }

    /** The message, cut to a size a frame can carry; an exception's own getMessage may throw. */
    private static String messageOf(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (RuntimeException e) {
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
        if (message != null && message.length() > MAX_MESSAGE_CHARS) {
            return message.substring(0, MAX_MESSAGE_CHARS) + "... (" + message.length() + " characters, cut)";
        }
        return message;
    }

    private static List<Throwable> chain(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static StackTraceElement[] concat(StackTraceElement[] remote, StackTraceElement[] local) {
        StackTraceElement[] all = new StackTraceElement[remote.length + local.length];
        System.arraycopy(remote, 0, all, 0, remote.length);
        System.arraycopy(local, 0, all, remote.length, local.length);
        return all;
    }
}
