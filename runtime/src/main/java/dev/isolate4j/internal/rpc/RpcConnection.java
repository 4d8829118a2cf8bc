package dev.isolate4j.internal.rpc;

import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.BodyWriter;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of the bidirectional RPC connection between a host and a child. Both sides run the same
 * code: each can call the objects the other exports.
 *
 * <p>Threading model:
 *
 * <ul>
 *   <li>Callers write their CALL frame from their own thread through the {@link FrameWriter}'s lock:
 *       no writer thread, no hand-off on the way out.
 *   <li>One reader thread reads every frame. It completes the futures of blocking calls itself (the
 *       waiting caller wakes up: one hand-off per call, the minimum), hands the completion of
 *       asynchronous calls to a worker (the caller's callbacks must never run on, or block, the
 *       reader), and hands incoming calls to a worker.
 *   <li>Workers come from an unbounded pool, so that a chain of nested calls between the two sides
 *       (host → extension → host → …) always finds a free thread and never deadlocks.
 * </ul>
 *
 * <p>Every exit of the reader closes the connection with a reason, which fails all pending calls.
 */
public final class RpcConnection {
    private static final Logger log = LoggerFactory.getLogger(RpcConnection.class);

    /** Handles the frames that are not part of a call (handshake, shutdown); runs on the reader. */
    public interface ControlHandler {
        void onControl(Frame frame) throws IOException;
    }

    /** Says why the peer went away, when the stream ended without this side closing it. */
    public interface PeerGoneHandler {
        Throwable causeFor(IOException ioErrorOrNull);
    }

    private final String name;
    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final PayloadSerializer serializer;
    private final LocalObjects localObjects;
    private final ControlHandler controlHandler;
    private final PeerGoneHandler peerGoneHandler;
    private final ExecutorService workers;
    private final PendingCalls pending = new PendingCalls();
    private final AtomicLong lastCallId = new AtomicLong();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private volatile Object attachment;

    public RpcConnection(
            String name,
            SocketChannel channel,
            int maxFrameBytes,
            PayloadSerializer serializer,
            LocalObjects localObjects,
            ControlHandler controlHandler,
            PeerGoneHandler peerGoneHandler) {
        this.name = name;
        this.channel = channel;
        this.reader = new FrameReader(channel, maxFrameBytes);
        this.writer = new FrameWriter(channel);
        this.serializer = serializer;
        this.localObjects = localObjects;
        this.controlHandler = controlHandler;
        this.peerGoneHandler = peerGoneHandler;
        this.workers = Executors.newCachedThreadPool(DaemonThreads.factory("isolate4j-" + name + "-worker"));
    }

    /** Starts the reader thread. */
    public void start() {
        DaemonThreads.start("isolate4j-" + name + "-reader", this::readLoop);
    }

    public String name() {
        return name;
    }

    public PayloadSerializer serializer() {
        return serializer;
    }

    public LocalObjects localObjects() {
        return localObjects;
    }

    /** An object the owner ties to this connection (the host's extension handle). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /** Completes with the reason once the connection is closed. */
    public CompletableFuture<Throwable> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /**
     * Sends a CALL frame and returns the pending call; its future completes with the result, or
     * exceptionally with a {@link dev.isolate4j.RemoteException} or the connection's end.
     */
    public PendingCall startCall(String objectId, int methodId, Object[] args, boolean async, String description) {
        PendingCall call = new PendingCall(lastCallId.incrementAndGet(), description, async, new CompletableFuture<>());
        ByteBuffer payload;
        try {
            payload = ByteBuffer.wrap(serializer.serialize(args));
        } catch (RuntimeException e) {
            call.future()
                    .completeExceptionally(new RemoteCallException(
                            "cannot serialize the arguments of " + description + ": " + e.getMessage(), e));
            return call;
        }
        pending.register(call);
        ByteBuffer header =
                new BodyWriter().putString(objectId).putInt(methodId).toBuffer();
        try {
            writer.write(FrameType.CALL, call.id(), header, payload);
        } catch (IOException e) {
            if (pending.remove(call.id()) != null) {
                call.future().completeExceptionally(closedCauseOr(e));
            }
        }
        return call;
    }

    /** Forgets a call the caller gave up on and tells the other side to stop working on it. */
    public void abandon(PendingCall call) {
        if (pending.remove(call.id()) != null) {
            sendQuietly(FrameType.CANCEL, call.id(), ByteBuffer.allocate(0));
        }
    }

    /** Sends a frame outside any call (handshake, shutdown). */
    public void sendControl(FrameType type, ByteBuffer body) throws IOException {
        writer.write(type, 0, body);
    }

    /** Closes the connection and fails every pending call with {@code cause}. Idempotent. */
    public void close(Throwable cause) {
        if (!closed.complete(cause)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing connection {}", name, e);
        }
        pending.failAll(cause);
        workers.shutdown();
    }

    private void readLoop() {
        Throwable cause;
        try {
            Frame frame;
            while ((frame = reader.read()) != null) {
                handle(frame);
            }
            cause = peerGone(null);
        } catch (FrameException e) {
            log.warn("closing connection {}: malformed frame: {}", name, e.getMessage());
            cause = new RemoteCallException("connection " + name + " closed: malformed frame: " + e.getMessage(), e);
        } catch (IOException e) {
            cause = peerGone(e);
        } catch (RuntimeException | Error e) {
            log.error("closing connection {}: internal error in the reader", name, e);
            cause = new RemoteCallException("connection " + name + " closed after an internal error", e);
        }
        close(cause);
    }

    private Throwable peerGone(IOException e) {
        Throwable ours = closed.getNow(null);
        return ours != null ? ours : peerGoneHandler.causeFor(e);
    }

    private void handle(Frame frame) throws IOException {
        switch (frame.type()) {
            case CALL -> execute(() -> serve(frame));
            case RESULT -> completeResult(frame);
            case ERROR -> completeError(frame);
            case CANCEL -> log.debug("{}: call {} cancelled by the caller", name, frame.callId());
            default -> controlHandler.onControl(frame);
        }
    }

    private void completeResult(Frame frame) {
        PendingCall call = pending.remove(frame.callId());
        if (call == null) {
            return; // timed out or cancelled already: the late reply is dropped
        }
        Object result;
        try {
            result = serializer.deserialize(frame.body());
        } catch (RuntimeException e) {
            complete(
                    call,
                    null,
                    new RemoteCallException(
                            "cannot deserialize the result of " + call.description() + ": " + e.getMessage(), e));
            return;
        }
        complete(call, result, null);
    }

    private void completeError(Frame frame) throws FrameException {
        PendingCall call = pending.remove(frame.callId());
        if (call != null) {
            complete(call, null, RemoteErrors.decode(frame.body(), new StackTraceElement[0]));
        }
    }

    private void complete(PendingCall call, Object result, Throwable error) {
        Runnable completion = () -> {
            if (error == null) {
                call.future().complete(result);
            } else {
                call.future().completeExceptionally(error);
            }
        };
        if (call.async()) {
            execute(completion);
        } else {
            completion.run();
        }
    }

    /** Runs {@code task} on a worker; once the connection is closed, there is nothing left to run. */
    private void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("{}: closed, dropping a task", name);
        }
    }

    private void serve(Frame frame) {
        new IncomingCall(this, frame).run();
    }

    void reply(long callId, Object result) {
        ByteBuffer payload;
        try {
            payload = ByteBuffer.wrap(serializer.serialize(result));
        } catch (RuntimeException e) {
            replyError(callId, new RemoteCallException("cannot serialize the result: " + e.getMessage(), e));
            return;
        }
        sendQuietly(FrameType.RESULT, callId, payload);
    }

    void replyError(long callId, Throwable error) {
        sendQuietly(FrameType.ERROR, callId, RemoteErrors.encode(error));
    }

    static BodyReader bodyOf(Frame frame) {
        return new BodyReader(frame.body());
    }

    private void sendQuietly(FrameType type, long callId, ByteBuffer body) {
        try {
            writer.write(type, callId, body);
        } catch (IOException e) {
            log.debug("{}: cannot send {} for call {}: connection closed", name, type, callId, e);
        }
    }

    private Throwable closedCauseOr(IOException e) {
        Throwable cause = closed.getNow(null);
        return cause != null ? cause : new RemoteCallException("connection " + name + " is broken: " + e, e);
    }
}
