package dev.isolate4j.internal.rpc;

import dev.isolate4j.ExtensionTerminatedException;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.OutgoingFrame;
import dev.isolate4j.internal.protocol.RemoteErrors;
import dev.isolate4j.internal.protocol.StreamRequest;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's streams: {@code Flow.Publisher} arguments and results, which cross like {@code
 * @Callee} references rather than by value.
 *
 * <p>Protocol. The sender of a publisher exports it under a stream id ({@link StreamRef} on the
 * wire) and holds it as a {@link StreamProducer}; the receiver gets a {@link RemotePublisher}.
 * When that is subscribed, its {@link StreamReceiver} sends STREAM_REQUEST(n) frames as its
 * subscriber's demand allows, at most a window of items ahead; the first one makes the producer
 * subscribe to the real publisher. The producer forwards what it gets as STREAM_ITEM frames, then
 * STREAM_COMPLETE or STREAM_ERROR; the receiver may send STREAM_CANCEL at any time. Frames to a
 * producer (REQUEST, CANCEL) carry the producer's id and frames to a receiver (ITEM, COMPLETE,
 * ERROR) the same id, so the two directions' ids never meet although both sides number from 1.
 *
 * <p>Memory is bounded on both sides: the producer is asked for no more than the receiver's window,
 * the receiver queues no more than it asked for, and a compliant publisher sends no more than it
 * was asked for (one that does is cancelled, see {@link StreamProducer}).
 *
 * <p>A stream nobody subscribes to within the call timeout is cancelled on the producer's side; a
 * later subscription gets an error that says so. The connection's end ends every stream: its
 * receivers with the cause, its producers by cancellation.
 *
 * <p>Locks: the two maps are concurrent; each producer and receiver has a lock of its own, never
 * held across I/O or a call into user code.
 */
final class Streams {
    private final RpcConnection connection;
    private final FrameSender sender;
    private final AtomicLong lastStreamId = new AtomicLong();
    private final Map<Long, StreamProducer> producers = new ConcurrentHashMap<>();
    private final StreamDeadlines deadlines = new StreamDeadlines(this::expireIfUnsubscribed);
    private final Map<Long, StreamReceiver> receivers = new ConcurrentHashMap<>();

    Streams(RpcConnection connection, FrameSender sender) {
        this.connection = connection;
        this.sender = sender;
    }

    /** {@return the connection's name, for log lines} */
    String connectionName() {
        return connection.name();
    }

    /** {@return the side the streams this side receives come from, as messages name it} */
    String peer() {
        return connection.ends().peer();
    }

    /** Exports {@code publisher} and arms its subscription deadline; returns what crosses instead. */
    StreamRef export(Flow.Publisher<?> publisher, boolean tracksReferences) {
        long id = lastStreamId.incrementAndGet();
        StreamProducer producer = new StreamProducer(this, id, publisher, tracksReferences);
        producers.put(id, producer);
        long timeoutNanos = connection.callTimeout().toNanos();
        // By id, not by reference: a stream that ended long before its deadline is not kept until then.
        deadlines.arm(id, timeoutNanos);
        if (!connection.isOpen()) {
            closed(producer); // raced with the close: nobody else will end it
            deadlines.clear(); // nor let go of the deadline armed after the close cleared them
        }
        return new StreamRef(id);
    }

    /** The publisher a received {@link StreamRef} stands for. */
    Flow.Publisher<Object> importStream(StreamRef ref) {
        return new RemotePublisher(this, ref.streamId());
    }

    /** Adds a receiver whose subscriber subscribed; false when the connection is closed already. */
    boolean register(StreamReceiver receiver) {
        receivers.put(receiver.id(), receiver);
        if (!connection.isOpen()) {
            receivers.remove(receiver.id());
            return false;
        }
        return true;
    }

    Throwable closedCause() {
        Throwable cause = connection.closed().getNow(null);
        return cause == null ? null : forSubscriber(cause);
    }

    void unregister(StreamReceiver receiver) {
        receivers.remove(receiver.id(), receiver);
    }

    void finished(StreamProducer producer) {
        producers.remove(producer.id(), producer);
        deadlines.disarm(producer.id());
    }

    // ---- frames to the peer; never throw: a peer that is gone needs none

    void sendRequest(long id, long count) {
        sender.writeQuietly(FrameType.STREAM_REQUEST, id, new StreamRequest(count).encode());
    }

    void sendCancel(long id) {
        sender.writeQuietly(FrameType.STREAM_CANCEL, id, ByteBuffer.allocate(0));
    }

    void send(List<OutgoingFrame> frames) {
        sender.writeAllQuietly(frames);
    }

    static OutgoingFrame completeFrame(long id) {
        return new OutgoingFrame(FrameType.STREAM_COMPLETE, id, null, ByteBuffer.allocate(0));
    }

    /** Never throws: an error that cannot be encoded is replaced by one that says so. */
    OutgoingFrame errorFrame(long id, Throwable error) {
        ByteBuffer body;
        try {
            body = RemoteErrors.encode(error);
            String tooLarge = sender.tooLarge(body.remaining());
            if (tooLarge != null) {
                body = RemoteErrors.encode(new RemoteCallException(
                        "the stream failed with " + error.getClass().getName() + ", too large to send: " + tooLarge));
            }
        } catch (RuntimeException | Error e) {
            body = RemoteErrors.encode(new RemoteCallException(
                    "the stream failed with " + error.getClass().getName() + ", which could not be encoded: " + e));
        }
        return new OutgoingFrame(FrameType.STREAM_ERROR, id, null, body);
    }

    /**
     * One item's frame, serialized on the caller's thread (the publisher's).
     *
     * @throws RuntimeException when it cannot be serialized, or is larger than a frame may be; the
     *     producer ends the stream with it
     */
    OutgoingFrame itemFrame(long id, Object item, boolean tracksReferences) {
        PayloadSerializer.Payload payload;
        try {
            payload = connection.serializer().encode(item, tracksReferences);
        } catch (RuntimeException e) {
            throw new RemoteCallException(
                    "cannot serialize an item of stream " + id + " in " + connection.name() + ": " + e.getMessage(), e);
        }
        String tooLarge = sender.tooLarge(payload.frameBytes());
        if (tooLarge != null) {
            throw new RemoteCallException(
                    "an item of stream " + id + " in " + connection.name() + " is too large: " + tooLarge);
        }
        return new OutgoingFrame(
                FrameType.STREAM_ITEM, id, payload.segment(), payload.parts().toArray(ByteBuffer[]::new));
    }

    // ---- frames from the peer, on the reading thread

    /** Handles a stream frame; returns whether this thread still reads (see {@link ReadingRole}). */
    boolean onFrame(Frame frame, ReadingRole reading) throws FrameException {
        long id = frame.callId();
        switch (frame.type()) {
            case STREAM_REQUEST -> {
                long count = StreamRequest.decode(frame.body()).count();
                StreamProducer producer = producers.get(id);
                if (producer == null) {
                    send(List.of(errorFrame(id, notOpen(id))));
                    return true;
                }
                deadlines.disarm(id); // subscribed: no longer expires
                // Subscribing and requesting run the publisher's code, which may emit at once.
                return reading.runInline(() -> producer.request(count));
            }
            case STREAM_CANCEL -> {
                StreamProducer producer = producers.get(id);
                return producer == null || reading.runInline(producer::cancel);
            }
            default -> {
                return onReceiverFrame(frame, reading);
            }
        }
    }

    private boolean onReceiverFrame(Frame frame, ReadingRole reading) {
        StreamReceiver receiver = receivers.get(frame.callId());
        if (receiver == null) {
            return true; // cancelled already: what was in flight is dropped
        }
        if (frame.refusal() != null) {
            receiver.cancelUpstream(new RemoteCallException("an item of stream " + frame.callId() + " was refused by "
                    + connection.ends().self() + ": " + frame.refusal()));
            return true;
        }
        switch (frame.type()) {
            case STREAM_ITEM -> {
                Object item;
                try {
                    item = connection.serializer().deserialize(frame.body(), frame.segment());
                } catch (RuntimeException e) {
                    receiver.cancelUpstream(new RemoteCallException(
                            "cannot deserialize an item of stream " + frame.callId() + ": " + e.getMessage(), e));
                    return true;
                }
                long bytes = frame.body().remaining() + (frame.segment() == null ? 0 : frame.segment().length);
                // Queued here, in the order of the frames; then delivered inline, like an asynchronous
                // call's completion: a subscriber that blocks hands the reading to another thread
                // (ReadingRole), which may queue the next items while this one delivers.
                receiver.queueItem(item, bytes);
                return reading.runInline(receiver::drain);
            }
            case STREAM_COMPLETE -> {
                receiver.queueComplete();
                return reading.runInline(receiver::drain);
            }
            case STREAM_ERROR -> {
                Throwable error;
                try {
                    error = RemoteErrors.decode(frame.body(), new StackTraceElement[0]);
                } catch (FrameException | RuntimeException e) {
                    error = new RemoteCallException(
                            "stream " + frame.callId() + " failed, but its error could not be decoded: "
                                    + e.getMessage(),
                            e);
                }
                receiver.queueError(error, false);
                return reading.runInline(receiver::drain);
            }
            default -> throw new IllegalArgumentException("not a stream frame: " + frame.type());
        }
    }

    /** The connection closed: every receiver fails with {@code cause}, every producer is cancelled. */
    void closeAll(Throwable cause) {
        List<StreamReceiver> open = new ArrayList<>(receivers.values());
        receivers.clear();
        for (StreamReceiver receiver : open) {
            receiver.onError(forSubscriber(cause), true);
        }
        List<StreamProducer> exported = new ArrayList<>(producers.values());
        producers.clear();
        deadlines.clear();
        exported.forEach(this::closed);
    }

    private void closed(StreamProducer producer) {
        producers.remove(producer.id(), producer);
        deadlines.disarm(producer.id());
        try {
            producer.cancel();
        } catch (RuntimeException e) {
            log().warn("{}: cancelling stream {} failed", connection.name(), producer.id(), e);
        }
    }

    /** A fresh copy for each stream, as for each call: its stack is the subscriber's concern. */
    private static Throwable forSubscriber(Throwable cause) {
        return cause instanceof ExtensionTerminatedException terminated
                ? new ExtensionTerminatedException(terminated)
                : cause;
    }

    private void expireIfUnsubscribed(long id) {
        StreamProducer producer = producers.get(id);
        if (producer != null && producer.expireIfUnsubscribed()) {
            producers.remove(producer.id(), producer);
            log().warn(
                            "{}: stream {} was not subscribed within the call timeout ({} ms); it was cancelled",
                            connection.name(),
                            producer.id(),
                            connection.callTimeout().toMillis());
        }
    }

    private RemoteCallException notOpen(long id) {
        return new RemoteCallException("stream " + id + " is not open in " + connection.name()
                + ": it ended, was cancelled, or was not subscribed within the call timeout ("
                + connection.callTimeout().toMillis() + " ms); a stream from another process can be subscribed"
                + " once, within the call timeout");
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(Streams.class);
    }
}
