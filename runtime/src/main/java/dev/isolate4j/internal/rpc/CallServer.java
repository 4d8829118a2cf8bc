package dev.isolate4j.internal.rpc;

import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.protocol.RemoteErrors;
import dev.isolate4j.internal.protocol.RemoteErrors.FieldValue;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.spi.MethodDescriptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls a connection's peer makes to this side: admits them (at most {@code
 * maxCallsInProgress}, one per call id), cancels them when the peer gives up, and sends their
 * replies, which never throw.
 */
final class CallServer {
    private final RpcConnection connection;
    private final FrameSender sender;
    private final int maxCallsInProgress;
    private final Map<Long, IncomingCall> serving = new ConcurrentHashMap<>();
    private final AtomicBoolean warnedCallFlood = new AtomicBoolean();
    /** When the last served call ended, in {@link System#nanoTime()}: an idle child is one that serves none. */
    private volatile long lastFinishedNanos = System.nanoTime();

    CallServer(RpcConnection connection, FrameSender sender, int maxCallsInProgress) {
        this.connection = connection;
        this.sender = sender;
        this.maxCallsInProgress = maxCallsInProgress;
    }

    /** Serves a CALL frame on the reading thread; returns whether that thread still reads. */
    boolean serve(Frame frame, ReadingRole reading) {
        // Only the reading thread adds to serving, so the size can only have shrunk since.
        if (serving.size() >= maxCallsInProgress) {
            if (warnedCallFlood.compareAndSet(false, true)) {
                log().warn(
                                "{}: the peer has {} calls in progress, the most accepted; refusing more",
                                connection.name(),
                                maxCallsInProgress);
            }
            replyError(
                    frame.callId(),
                    new RemoteCallException("call refused: " + connection.name() + " is already serving "
                            + maxCallsInProgress + " calls, the most it accepts at once"));
            return true;
        }
        IncomingCall call = new IncomingCall(connection, this, frame);
        if (serving.putIfAbsent(frame.callId(), call) != null) {
            // A peer that reuses the id of a call still running is broken: refuse the new call only.
            log().warn("{}: refused a call with id {}, which is still in use", connection.name(), frame.callId());
            replyError(
                    frame.callId(),
                    new RemoteCallException(
                            "call id " + frame.callId() + " is already in use in " + connection.name()));
            return true;
        }
        return reading.runInline(call);
    }

    /** The peer gave up on a call: stops its work, if it still runs. */
    void cancel(long callId) {
        IncomingCall call = serving.get(callId);
        if (call != null) {
            call.cancel();
        }
    }

    /** The connection closed: stops the work of every call. */
    void cancelAll() {
        serving.values().forEach(IncomingCall::cancel);
    }

    /** Called by an incoming call when it is done, whether it replied or was cancelled. */
    void finished(long callId) {
        serving.remove(callId);
        lastFinishedNanos = System.nanoTime();
    }

    /** {@return whether a call of the peer is being served} */
    boolean busy() {
        return !serving.isEmpty();
    }

    /** {@return when the last served call ended} */
    long lastFinishedNanos() {
        return lastFinishedNanos;
    }

    void reply(long callId, MethodDescriptor method, Object result) {
        PayloadSerializer.Payload payload;
        try {
            Object value = method == null
                    ? result
                    : connection.references().outgoing(method.resultType(), result, method.tracksReferences());
            payload = connection.serializer().encodeToWrite(value, method != null && method.tracksReferences());
        } catch (RuntimeException e) {
            replyError(callId, new RemoteCallException("cannot serialize the result: " + e.getMessage(), e));
            return;
        }
        String tooLarge = sender.tooLarge(payload.frameBytes());
        if (tooLarge != null) {
            connection.serializer().written(payload);
            replyError(callId, new RemoteCallException("the result is too large: " + tooLarge));
            return;
        }
        CallTiming.stamp(callId, CallTiming.SERVER_ENCODED);
        // Corked or not, the reply's bytes are copied out of the payload before this returns.
        sender.writeReplyQuietly(callId, payload);
        connection.serializer().written(payload);
        CallTiming.stamp(callId, CallTiming.SERVER_WRITTEN);
    }

    /** Never throws: an error that cannot be encoded is replaced by one that says so. */
    void replyError(long callId, Throwable error) {
        replyError(callId, null, error);
    }

    /**
     * Never throws. An exception {@code method} declares goes with the values of its fields; when
     * they make it too large, it goes without them.
     */
    void replyError(long callId, MethodDescriptor method, Throwable error) {
        ByteBuffer body;
        try {
            List<FieldValue> fields =
                    ExceptionFields.capture(error, method, connection.serializer(), connection.name());
            body = RemoteErrors.encode(error, fields);
            if (sender.tooLarge(body.remaining()) != null && !fields.isEmpty()) {
                log().warn(
                                "{}: {} is sent without its fields, which make it too large: {}",
                                connection.name(),
                                error.getClass().getName(),
                                sender.tooLarge(body.remaining()));
                body = RemoteErrors.encode(error);
            }
            String tooLarge = sender.tooLarge(body.remaining());
            if (tooLarge != null) {
                body = RemoteErrors.encode(new RemoteCallException(
                        "the call failed with " + error.getClass().getName() + ", too large to send: " + tooLarge));
            }
        } catch (RuntimeException | Error e) {
            log().warn("{}: cannot encode the error of call {}", connection.name(), callId, e);
            body = RemoteErrors.encode(new RemoteCallException(
                    "the call failed with " + error.getClass().getName() + ", which could not be encoded: " + e));
        }
        sender.writeQuietly(FrameType.ERROR, callId, body);
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(CallServer.class);
    }
}
