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
 */
public final class RemoteErrors {
    /** Bounds what a peer can make us build; deeper chains are cut. */
    private static final int MAX_CHAIN = 32;

    private static final int MAX_FRAMES = 1024;

    /** Longer messages are cut when encoded, so that an error always fits in a frame. */
    private static final int MAX_MESSAGE_CHARS = 64 * 1024;

    private RemoteErrors() {}

    /**
     * Encodes {@code error} and its causes: class names, messages (cut when very long) and stack
     * traces.
     *
     * @param error the exception to send
     * @return the encoded body
     */
    public static ByteBuffer encode(Throwable error) {
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
        BodyReader body = new BodyReader(bytes);
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
        return cause;
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
