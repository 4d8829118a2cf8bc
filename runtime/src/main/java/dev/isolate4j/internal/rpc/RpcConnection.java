package dev.isolate4j.internal.rpc;

import dev.isolate4j.CallInterceptor;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.internal.Closeables;
import dev.isolate4j.internal.DaemonThreads;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameException;
import dev.isolate4j.internal.framing.FrameReader;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.framing.FrameWriter;
import dev.isolate4j.internal.protocol.CallHeader;
import dev.isolate4j.internal.protocol.Release;
import dev.isolate4j.internal.protocol.RemoteErrors;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import dev.isolate4j.internal.transport.SocketBuffers;
import dev.isolate4j.internal.transport.UninterruptibleChannel;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
 *       no writer thread, no hand-off on the way out. A blocking or awaiting caller waits in the way
 *       its connection measured quickest: parking, or spinning briefly first ({@link ReplySpin}).
 *   <li>The reply to a call served inline is corked (left in the writer's buffer) and goes out with
 *       the next frame written, or when the reading thread is about to wait for the channel, or when
 *       a thread that lost the reading while it served finishes: the replies to a burst of calls
 *       cost one write ({@link FrameSender#writeReplyQuietly}).
 *   <li>One thread at a time reads the frames, and runs the work each brings itself: it serves an
 *       incoming call, completes a blocking call's future, runs an asynchronous call's callbacks.
 *       When that work waits for a peer, or runs longer than a millisecond, another thread takes
 *       the reading over ({@link ReadingRole}): no hand-off while calls are quick, no stall when
 *       one is not.
 *   <li>The threads come from an unbounded pool, so that a chain of nested calls between the two
 *       sides (host → extension → host → …) always finds a free thread and never deadlocks.
 * </ul>
 *
 * <p>Every exit of the reader closes the connection with a reason, which fails all pending calls.
 *
 * <p>The connection's locks and what each guards. Two pairs nest, each in this order: {@code
 * imports}, then {@code registrationLock}; the {@link FrameWriter}'s lock, then the segment area's
 * (only tried, never awaited); no other lock is taken while one is held.
 *
 * <ol>
 *   <li>{@code RemoteReferences}' {@code imports} monitor: the proxies this side holds for the
 *       peer's objects, and how often each was received. Creating a proxy under it registers the
 *       proxy's types, so {@code ForyInstance}'s {@code registrationLock} comes after it.
 *   <li>{@code RemoteReferences}' {@code exportsByObject} monitor: the objects this side passed by
 *       reference and how often each was sent, both directions of the map. {@link LocalObjects} is
 *       a concurrent map taken under it, lock-free.
 *   <li>{@code ForyInstance}'s {@code registrationLock}: the registered types and the Fory instance
 *       being built; a thread that finds a build in progress waits on it, which releases it.
 *   <li>{@link IncomingCall}'s monitor: the thread serving the call, its future, whether it was
 *       cancelled. A cancelling thread interrupts the server under it (so that the interrupt cannot
 *       reach the next task) but cancels the future after it, for that runs the reply.
 *   <li>{@link PendingCalls} takes no lock: a concurrent map, and a volatile cause once closed; see
 *       its comment for why a registration racing with the end is never lost.
 *   <li>Each {@link StreamProducer}'s and {@link StreamReceiver}'s monitor: one stream's state, queue
 *       and demand; never held while calling a publisher, a subscriber or the socket, nor while
 *       taking another lock.
 *   <li>{@link FrameWriter}'s lock: the write side of the channel, its buffer and the corked frames
 *       in it. It is the one lock held across I/O, by design: it is what keeps frames whole;
 *       nothing is taken under it but the segment area's.
 *   <li>The outgoing segment area's lock ({@code sharedmemory.OutgoingArea}): the large array this
 *       side placed in shared memory for the peer, and when. The writer tries it under its own lock
 *       to place a frame's array (a copy into memory; an area that grows writes its new pages); the
 *       thread that empties idle areas takes it alone.
 * </ol>
 *
 * <p>No other lock is held across I/O or a wait for the peer: a blocked peer can stall one frame's
 * writer, never the reader or a registration.
 *
 * <p>What a bad frame costs (a peer that sends one is broken or hostile):
 *
 * <ul>
 *   <li>A malformed frame (length out of range, unknown type, truncated) closes the connection: the
 *       stream is out of step, no later byte can be trusted. So does a malformed body of a frame
 *       outside any call (HELLO, READY, RELEASE, EVENT header...): it corrupts shared state.
 *   <li>A well-formed CALL, RESULT or ERROR frame whose body cannot be decoded (garbage, a class
 *       that is not registered, an unknown object or method, a broken error chain) fails only its
 *       own call, with a message saying why; the frame boundary is intact, so the other calls on
 *       the connection go on.
 *   <li>A frame for a call id this side does not know (late reply, cancel after the end) is dropped.
 *       So is a stream frame for a stream this side no longer receives; a STREAM_REQUEST for a
 *       stream it does not produce (ended, expired) is answered with a STREAM_ERROR saying so. A
 *       stream item that cannot be decoded, or was refused for room, ends that stream alone.
 *   <li>A payload larger than {@code maxFrameBytes} is refused on the sending side, failing that
 *       call, rather than sent to a peer that would close the connection over it.
 *   <li>A peer that floods this side with calls gets the ones beyond {@code maxCallsInProgress}
 *       refused with an error: the workers are unbounded (nested calls must never deadlock), the
 *       number of calls they serve is not.
 * </ul>
 */
public final class RpcConnection implements Endpoint {
    /**
     * How long an idle worker thread lives. A burst of calls in flight starts dozens; each holds its
     * stack and its share of the C heap, which an idle child should give back soon (a cached pool
     * keeps them a minute). A new thread costs tens of microseconds.
     */
    private static final Duration WORKER_KEEP_ALIVE = Duration.ofSeconds(5);

    /** Handles the frames that are not part of a call (handshake, shutdown, events); runs on the reader. */
    public interface ControlHandler {
        /**
         * Handles one control frame.
         *
         * @param frame the frame
         * @throws IOException when answering it fails; the connection closes
         */
        void onControl(Frame frame) throws IOException;
    }

    /** Says why the peer went away, when the stream ended without this side closing it. */
    public interface PeerGoneHandler {
        /**
         * Builds the exception pending calls fail with.
         *
         * @param ioErrorOrNull the read error that ended the stream, or {@code null} at its end
         * @return the cause
         */
        Throwable causeFor(IOException ioErrorOrNull);
    }

    private final String name;
    private final Ends ends;
    private final UninterruptibleChannel channel;
    private final ConnectionSettings settings;
    private final FrameReader reader;
    private final FrameSender sender;
    private final CallServer server;
    private final PayloadSerializer serializer;
    private final LocalObjects localObjects;
    private final ControlHandler controlHandler;
    private final PeerGoneHandler peerGoneHandler;
    private final ExecutorService workers;
    private final ReadingRole reading;
    private final ReadAccess readAccess;
    private final ReplySpin replySpin = new ReplySpin();
    /** Read by every call; written before the first. */
    private volatile Interceptors interceptors = Interceptors.NONE;

    private final PendingCalls pending = new PendingCalls();
    private final RemoteReferences references = new RemoteReferences(this);
    private final Streams streams;
    private final AtomicLong lastCallId = new AtomicLong();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    /**
     * When the reading thread got the frame it handles, with {@link CallTiming#ON} only. Written and
     * read by the reading thread; a hand-off publishes it with the reading itself.
     */
    private long frameReadNanos;

    /**
     * A connection over a socket, as between a host and a child JVM.
     *
     * @param name names the connection's threads and log lines
     * @param ends how its messages name this side and the peer
     * @param channel the connected socket
     * @param settings frame size, call timeout and call limit
     * @param serializer serializes arguments and results
     * @param localObjects the objects this side exports
     * @param controlHandler handles frames outside calls
     * @param peerGoneHandler says why the peer went away
     */
    public RpcConnection(
            String name,
            Ends ends,
            SocketChannel channel,
            ConnectionSettings settings,
            PayloadSerializer serializer,
            LocalObjects localObjects,
            ControlHandler controlHandler,
            PeerGoneHandler peerGoneHandler) {
        this(
                name,
                ends,
                uninterruptible(SocketBuffers.enlarged(channel)),
                settings,
                serializer,
                localObjects,
                controlHandler,
                peerGoneHandler);
    }

    /**
     * A connection over a socket or a pair of pipes whose reads and writes no thread's interrupt
     * can end (see {@link UninterruptibleChannel}).
     *
     * @param name names the connection's threads and log lines
     * @param ends how its messages name this side and the peer
     * @param channel the channel frames are read from and written to
     * @param settings frame size, call timeout and call limit
     * @param serializer serializes arguments and results
     * @param localObjects the objects this side exports
     * @param controlHandler handles frames outside calls
     * @param peerGoneHandler says why the peer went away
     */
    public RpcConnection(
            String name,
            Ends ends,
            UninterruptibleChannel channel,
            ConnectionSettings settings,
            PayloadSerializer serializer,
            LocalObjects localObjects,
            ControlHandler controlHandler,
            PeerGoneHandler peerGoneHandler) {
        this.name = name;
        this.ends = ends;
        this.channel = channel;
        this.settings = settings;
        this.reader = new FrameReader(
                channel,
                settings.maxFrameBytes(),
                settings.bodyAdmission(),
                settings.segments().inbox());
        this.readAccess = new ReadAccess(
                reader, channel, settings.servesCalls() ? NextFramePoll.whileFramesComeSoon() : NextFramePoll.never());
        this.sender = new FrameSender(
                name, new FrameWriter(channel, settings.segments().outbox()), settings.maxFrameBytes());
        this.server = new CallServer(this, sender, settings.maxCallsInProgress());
        this.serializer = serializer;
        this.streams = new Streams(this, sender);
        serializer.register(List.of(RemoteRef.class, StreamRef.class));
        serializer.registerCodecs(WireRecordCodecs.ALL);
        this.localObjects = localObjects;
        this.controlHandler = controlHandler;
        this.peerGoneHandler = peerGoneHandler;
        this.workers = new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                WORKER_KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.factory("isolate4j-" + name + "-worker"));
        this.reading = new ReadingRole(this::execute, this::readLoop, sender::flushCorkedQuietly);
    }

    /** The socket, made interrupt-proof; closed when that fails (no selector to be had: out of files). */
    private static UninterruptibleChannel uninterruptible(SocketChannel channel) {
        try {
            return UninterruptibleChannel.of(channel);
        } catch (IOException e) {
            Closeables.closeQuietly(channel);
            throw new UncheckedIOException(
                    "cannot open the selectors the connection's socket waits in (is the process out of file descriptors?): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Starts reading frames. */
    public void start() {
        ReaderWatchdog.register(reading);
        CallTimeouts.register(this);
        reading.start();
    }

    @Override
    public RpcConnection connection() {
        return this;
    }

    /** {@return the calls awaiting a reply, for {@link CallTimeouts}} */
    PendingCalls pending() {
        return pending;
    }

    /** {@return the connection's name} */
    public String name() {
        return name;
    }

    /** {@return how messages name this side and the peer} */
    public Ends ends() {
        return ends;
    }

    /** {@return the default timeout of calls to the peer} */
    public Duration callTimeout() {
        return settings.callTimeout();
    }

    /** {@return the serializer of arguments and results} */
    public PayloadSerializer serializer() {
        return serializer;
    }

    /** {@return the objects this side exports} */
    public LocalObjects localObjects() {
        return localObjects;
    }

    ReplySpin replySpin() {
        return replySpin;
    }

    RemoteReferences references() {
        return references;
    }

    Streams streams() {
        return streams;
    }

    /** {@return a future that completes with the reason once the connection is closed} */
    public CompletableFuture<Throwable> closed() {
        return closed;
    }

    /**
     * When this side last served a call of the peer, for telling an idle peer from one at work.
     *
     * @return {@link System#nanoTime()} at the end of the last served call, or {@link Long#MAX_VALUE}
     *     while one is being served
     */
    public long lastServedNanos() {
        return server.busy() ? Long.MAX_VALUE : server.lastFinishedNanos();
    }

    /** {@return whether the connection is not closed yet} */
    public boolean isOpen() {
        return !closed.isDone();
    }

    /**
     * Sends a CALL frame and returns the pending call; its future completes with the result, or
     * exceptionally with a {@link dev.isolate4j.RemoteMethodException} or the connection's end.
     */
    PendingCall startCall(String objectId, RemoteInterface<?> target, int methodId, Object[] args, boolean async) {
        MethodDescriptor method = methodOf(target, methodId);
        Supplier<String> description = () -> describe(target, method, methodId, objectId);
        CompletableFuture<Object> future =
                async ? new AwaitedFuture(replySpin, this::pollReply, System.nanoTime()) : new CompletableFuture<>();
        PendingCall call = new PendingCall(lastCallId.incrementAndGet(), description, async, target, method, future);
        Map<String, String> metadata = Map.of();
        Interceptors current = interceptors;
        if (!current.isEmpty()) {
            metadata = new LinkedHashMap<>();
            try {
                Interceptors.Listeners listeners = current.beforeCall(target, method, metadata);
                call.listeners(listeners);
                // For the ends that do not pass through complete(): a timeout, a cancellation, a
                // failure to send. Told once either way.
                call.future().whenComplete((result, failure) -> listeners.completed(failure));
            } catch (RuntimeException e) {
                call.future().completeExceptionally(e);
                return call;
            }
        }
        if (!async && Thread.currentThread().isInterrupted()) {
            // As the JDK's blocking methods do: fail at once, and send nothing whose result nobody
            // would wait for. The thread keeps its interrupt status.
            call.future()
                    .completeExceptionally(new RemoteCallException(
                            description.get() + " was not sent: the calling thread is interrupted"));
            return call;
        }
        PayloadSerializer.Payload payload;
        try {
            payload = serializer.encodeToWrite(
                    references.outgoingArguments(method, args), method != null && method.tracksReferences());
            call.requestBytes(payload.frameBytes());
        } catch (RuntimeException e) {
            call.future()
                    .completeExceptionally(new RemoteCallException(
                            "cannot serialize the arguments of " + description.get() + ": " + e.getMessage(), e));
            return call;
        }
        ByteBuffer header = new CallHeader(objectId, methodId, InterfaceChecks.hash(target), metadata).encode();
        CallTiming.stamp(call.id(), CallTiming.CALLER_ENCODED);
        String tooLarge = sender.tooLarge(header.remaining() + payload.frameBytes());
        if (tooLarge != null) {
            serializer.written(payload);
            call.future()
                    .completeExceptionally(new RemoteCallException(
                            "the arguments of " + description.get() + " are too large: " + tooLarge));
            return call;
        }
        pending.register(call); // before the write, so that a fast reply is never dropped
        try {
            sender.write(FrameType.CALL, call.id(), header, payload);
            CallTiming.stamp(call.id(), CallTiming.CALLER_WRITTEN);
        } catch (IOException e) {
            if (pending.remove(call.id()) != null) {
                call.future().completeExceptionally(closedCauseOr(e));
            }
        } finally {
            serializer.written(payload); // its bytes are in the socket, or will never be
        }
        return call;
    }

    /**
     * Forgets a call whose caller gave up (timeout, cancellation, interruption) and tells the other
     * side to stop working on it. A no-op for a call whose reply arrived.
     */
    void abandon(PendingCall call) {
        if (pending.remove(call.id()) != null) {
            sender.writeQuietly(FrameType.CANCEL, call.id(), ByteBuffer.allocate(0));
        }
    }

    /**
     * Sends a frame outside any call (handshake, shutdown, event).
     *
     * @param type the frame's type
     * @param body the frame's body
     * @throws IOException when the connection fails
     */
    public void sendControl(FrameType type, ByteBuffer body) throws IOException {
        sendControl(type, 0, body);
    }

    /**
     * Sends a frame outside any call that pairs a query with its answer by {@code id}.
     *
     * @param type the frame's type
     * @param id pairs a query with its answer; not a call's id
     * @param body the frame's body
     * @throws IOException when the connection fails
     */
    public void sendControl(FrameType type, long id, ByteBuffer body) throws IOException {
        sender.write(type, id, body);
    }

    /**
     * Makes {@code list} see every call this connection makes and serves from now on: set before
     * the first call (the host, when it connects; the child, once the extension's loader can find
     * them).
     *
     * @param list the interceptors, in the order they run
     */
    public void useInterceptors(List<CallInterceptor> list) {
        interceptors = list.isEmpty() ? Interceptors.NONE : new Interceptors(name, list);
    }

    /** {@return when the reading thread got the frame it handles; with {@link CallTiming#ON} only} */
    long frameReadNanos() {
        return frameReadNanos;
    }

    /** {@return the interceptors calls served here show themselves to} */
    Interceptors interceptors() {
        return interceptors;
    }

    /**
     * Sends a control frame from a worker, never on the caller's thread: the caller may be a timer
     * shared by every extension, which must not wait on the socket of a child that reads nothing.
     * A frame that cannot be sent is dropped: the connection is closing.
     *
     * @param type the frame's type
     * @param id the id that pairs it with its answer
     * @param body the frame's body
     */
    public void sendControlLater(FrameType type, long id, ByteBuffer body) {
        execute(() -> sender.writeQuietly(type, id, body));
    }

    /**
     * Sends a RELEASE from a worker: the caller is the process-wide reference cleaner, which must
     * never wait on one connection's socket while others' references pile up.
     */
    void sendRelease(ByteBuffer body) {
        execute(() -> sender.writeQuietly(FrameType.RELEASE, 0, body));
    }

    /**
     * Closes the connection and fails every pending call with {@code cause}. Idempotent.
     *
     * @param cause why the connection closes
     */
    public void close(Throwable cause) {
        if (!closed.complete(cause)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log().debug("closing connection {}", name, e);
        }
        pending.failAll(cause);
        server.cancelAll();
        streams.closeAll(cause);
        workers.shutdown();
        ReaderWatchdog.unregister(reading);
        CallTimeouts.unregister(this);
    }

    private void readLoop() {
        Throwable cause;
        try {
            // Replies corked before a hand-off go out now, whether or not the thread that corked them
            // still works; then before every read that may wait.
            if (!sendCorkedReplies()) {
                return;
            }
            while (true) {
                readAccess.awaitBytes();
                Frame frame = reader.read();
                if (frame == null) {
                    break;
                }
                if (CallTiming.ON) {
                    frameReadNanos = System.nanoTime();
                }
                boolean stillReading = handle(frame);
                // Not reachable from this thread while it waits for the next frame, in an interpreted
                // frame too: a large argument is garbage once served, and a collection that found it
                // live would keep it, and G1 the space of the next one beside it (on JDK 25 a run of
                // 64 MiB calls then grew the child's heap to its maximum, faulting in fresh pages).
                frame = null;
                if (!stillReading || (!reader.hasFrame() && !sendCorkedReplies())) {
                    return; // the frame's work, or the replies' write, blocked; another thread reads now
                }
            }
            cause = peerGone(null);
        } catch (FrameException e) {
            log().warn("closing connection {}: malformed frame: {}", name, e.getMessage());
            cause = new RemoteCallException("connection " + name + " closed: malformed frame: " + e.getMessage(), e);
        } catch (IOException e) {
            cause = peerGone(e);
        } catch (RuntimeException | Error e) {
            log().error("closing connection {}: internal error in the reader", name, e);
            cause = new RemoteCallException("connection " + name + " closed after an internal error", e);
        }
        close(cause);
    }

    /**
     * Sends the replies this thread corked, before a read that may wait: the peer waits for them.
     * Never by waiting for another writer, which may wait for the peer to read (see {@code
     * FrameWriter#flushCorkedUnlessBusy}). The write itself may wait for the peer to read, so it runs
     * as a frame's work does, watched ({@link ReadingRole#runInline}): after {@code
     * ReaderWatchdog#PATIENCE_NANOS} another thread takes the reading over, and this side goes on
     * reading what the peer sends, which the peer may need to write before it reads again.
     *
     * @return whether this thread still reads
     */
    private boolean sendCorkedReplies() {
        return !sender.hasCorked() || reading.runInline(sender::flushCorkedUnlessBusyQuietly);
    }

    /**
     * Polls the socket for {@code reply} on the calling thread until it is done or {@code endNanos},
     * when the reading thread waits for bytes (see {@link ReadAccess}); the RESULT and ERROR frames
     * it reads complete their calls here, but for another caller's asynchronous call, whose
     * callbacks are the reading thread's to run.
     *
     * @return false when this caller did not poll: the reading thread was busy
     */
    boolean pollReply(Future<?> reply, long endNanos) {
        return readAccess.poll(
                reply,
                endNanos,
                id -> {
                    PendingCall call = pending.get(id);
                    return call == null || !call.async() || call.future() == reply;
                },
                this::completePolled);
    }

    /**
     * Completes a frame a polling caller read. Never a refused one: a poller reads only frames that
     * fit the reader's 128 KiB buffer, and bodies under 1 MiB are admitted without asking.
     */
    private void completePolled(Frame frame) {
        if (frame.type() == FrameType.RESULT) {
            completeResult(frame, CallTiming.ON ? System.nanoTime() : 0, false);
        } else {
            completeError(frame, false);
        }
    }

    private Throwable peerGone(IOException e) {
        Throwable ours = closed.getNow(null);
        return ours != null ? ours : peerGoneHandler.causeFor(e);
    }

    /** Handles one frame; returns whether this thread still reads (see {@link ReadingRole}). */
    private boolean handle(Frame frame) throws IOException {
        if (frame.refusal() != null) {
            return refused(frame);
        }
        switch (frame.type()) {
            case CALL -> {
                return server.serve(frame, reading);
            }
            case RESULT -> {
                return completeResult(frame, frameReadNanos, true);
            }
            case ERROR -> {
                return completeError(frame, true);
            }
            case CANCEL -> {
                // Cancelling an asynchronous method's future runs the callbacks that depend on it.
                return reading.runInline(() -> server.cancel(frame.callId()));
            }
            case RELEASE -> release(frame);
            case STREAM_REQUEST, STREAM_ITEM, STREAM_COMPLETE, STREAM_ERROR, STREAM_CANCEL -> {
                return streams.onFrame(frame, reading);
            }
            default -> controlHandler.onControl(frame);
        }
        return true;
    }

    /** A frame this side had no room to read: its call fails, and the connection goes on. */
    private boolean refused(Frame frame) throws FrameException {
        switch (frame.type()) {
            case CALL ->
                server.replyError(
                        frame.callId(),
                        new RemoteCallException(
                                "the call's arguments were refused by " + ends.self() + ": " + frame.refusal()));
            case RESULT, ERROR -> {
                PendingCall call = pending.remove(frame.callId());
                if (call != null) {
                    String what = frame.type() == FrameType.RESULT ? "result" : "exception";
                    return complete(
                            call,
                            null,
                            new RemoteCallException(
                                    "the " + what + " of " + call.description() + " was refused: " + frame.refusal()),
                            true);
                }
            }
            case STREAM_ITEM -> {
                return streams.onFrame(frame, reading); // ends that stream alone
            }
            default -> log().warn("{}: dropped a {} frame: {}", name, frame.type(), frame.refusal());
        }
        return true;
    }

    private void release(Frame frame) throws FrameException {
        Release release = Release.decode(frame.body());
        if (release.count() < 1) {
            throw new FrameException("RELEASE frame for " + release.objectId() + " returns " + release.count()
                    + " sends; accepted: 1 or more");
        }
        references.release(release.objectId(), release.count());
    }

    /** {@code onReader}: false for a polling caller, which runs an asynchronous call's callbacks itself. */
    private boolean completeResult(Frame frame, long readNanos, boolean onReader) {
        PendingCall call = pending.remove(frame.callId());
        if (call == null) {
            return true; // timed out or cancelled already: the late reply is dropped
        }
        CallTiming.stamp(call.id(), CallTiming.RESULT_READ, readNanos);
        Object result;
        try {
            result = serializer.deserialize(frame.body(), frame.segment());
            if (call.method() != null) {
                result = references.incoming(call.method().resultType(), result);
            }
            CallTiming.stamp(call.id(), CallTiming.RESULT_DECODED);
        } catch (RuntimeException e) {
            return complete(
                    call,
                    null,
                    new RemoteCallException(
                            "cannot deserialize the result of " + call.description() + ": " + e.getMessage(), e),
                    onReader);
        }
        return complete(call, result, null, onReader);
    }

    private boolean completeError(Frame frame, boolean onReader) {
        PendingCall call = pending.remove(frame.callId());
        if (call == null) {
            return true;
        }
        Throwable error;
        try {
            RemoteErrors.Decoded decoded = RemoteErrors.decodeWithFields(frame.body(), new StackTraceElement[0]);
            error = decoded.exception();
            if (!decoded.fields().isEmpty()) {
                call.errorFields(ExceptionFields.read(
                        decoded.fields(), serializer, decoded.exception().remoteClassName(), name));
            }
            if (call.async()) {
                // A blocking caller's thread translates the error itself (RemoteObjectTarget), with its frames.
                error = RemoteFailures.forAsyncCaller(
                        decoded.exception(), call.target(), call.method(), call.errorFields());
            }
        } catch (FrameException | RuntimeException e) {
            // The frame itself was well formed: only this call's error is lost, not the connection.
            log().warn("{}: malformed ERROR frame for {}: {}", name, call.description(), e.getMessage());
            error = new RemoteCallException(
                    call.description() + " failed, but its error could not be decoded: " + e.getMessage(), e);
        }
        return complete(call, null, error, onReader);
    }

    /**
     * Completes a call's future. A blocking caller waits on it without callbacks; an asynchronous
     * caller's callbacks run here: on the reading thread ({@code onReader}), inline, like a served
     * call's method (see {@link ReadingRole}); or on the caller that polled for its own reply
     * ({@link ReadAccess}) and awaits it.
     */
    private boolean complete(PendingCall call, Object result, Throwable error, boolean onReader) {
        Runnable completion = () -> {
            // Before the caller wakes: a client span ends before the code after the call runs.
            call.listeners().completed(error);
            CallTiming.stamp(call.id(), CallTiming.RESULT_COMPLETING);
            if (error == null) {
                call.future().complete(result);
            } else {
                call.future().completeExceptionally(error);
            }
        };
        if (call.async() && onReader) {
            return reading.runInline(completion);
        }
        completion.run();
        return true;
    }

    /** Runs {@code task} on a worker; false once the connection is closed and the workers are gone. */
    private boolean execute(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private Throwable closedCauseOr(IOException e) {
        Throwable cause = closed.getNow(null);
        return cause != null ? cause : new RemoteCallException("connection " + name + " is broken: " + e, e);
    }

    static MethodDescriptor methodOf(RemoteInterface<?> descriptor, int methodId) {
        List<MethodDescriptor> methods = descriptor.methods();
        return methodId >= 0 && methodId < methods.size() ? methods.get(methodId) : null;
    }

    private String describe(RemoteInterface<?> target, MethodDescriptor method, int methodId, String objectId) {
        String methodName = method != null ? method.name() : "#" + methodId;
        return target.type().getSimpleName() + "." + methodName + "() on " + objectId + " in " + name;
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(RpcConnection.class);
    }
}
