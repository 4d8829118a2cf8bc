package dev.isolate4j.internal.rpc;

import dev.isolate4j.internal.framing.BodyReader;
import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.protocol.CallHeader;
import dev.isolate4j.spi.MethodDescriptor;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Serves one CALL frame on the connection's reading thread (see {@link ReadingRole}): decode,
 * dispatch, reply; and stops the work when the
 * caller cancels: a blocking method's thread is interrupted, an asynchronous method's future is
 * cancelled.
 */
final class IncomingCall implements Runnable {
    private final RpcConnection connection;
    private final CallServer server;
    private final Frame frame;

    /** Guarded by this: the thread dispatching, while it does. */
    private Thread runner;
    /** Guarded by this: the future an asynchronous method returned. */
    private CompletableFuture<?> stage;
    /** Guarded by this. */
    private boolean cancelled;

    IncomingCall(RpcConnection connection, CallServer server, Frame frame) {
        this.connection = connection;
        this.server = server;
        this.frame = frame;
        CallTiming.stamp(frame.callId(), CallTiming.SERVER_READ, connection.frameReadNanos());
    }

    /** Told of the call by the serving side's interceptors; written and read on the serving thread. */
    private Interceptors.Listeners listeners = Interceptors.Listeners.NONE;

    @Override
    public void run() {
        long callId = frame.callId();
        MethodDescriptor method = null;
        Object result;
        try {
            BodyReader body = new BodyReader(frame.body());
            CallHeader header = CallHeader.decode(body);
            String objectId = header.objectId();
            int methodId = header.methodId();
            int interfaceHash = header.interfaceHash();
            LocalObject target = connection
                    .localObjects()
                    .find(objectId)
                    .orElseThrow(() -> new IllegalArgumentException("no object with id '" + objectId
                            + "' is registered in " + connection.name() + "; registered: "
                            + connection.localObjects().describe()));
            LocalObject exported = target;
            target = target.as(interfaceHash, connection.name());
            if (target != exported) { // called through another of its interfaces: its types too
                connection.serializer().register(target.descriptor());
            }
            method = RpcConnection.methodOf(target.descriptor(), methodId);
            Object[] args = (Object[]) connection.serializer().deserialize(body.rest(), frame.segment());
            args = connection.references().incomingArguments(method, args);
            listeners = connection.interceptors().beforeServe(target.descriptor(), method, header.metadata());
            CallTiming.stamp(callId, CallTiming.SERVER_DECODED);
            try {
                result = dispatch(target, methodId, args);
            } finally {
                listeners.returned();
            }
            CallTiming.stamp(callId, CallTiming.SERVER_DISPATCHED);
            if (method != null && method.async() && result instanceof CompletionStage<?> async) {
                replyWhenDone(callId, method, async);
                return;
            }
        } catch (Throwable t) {
            // Whatever the peer sent (garbage, an unregistered class, an unknown object or method),
            // only this call fails; replyError never throws.
            server.finished(callId);
            server.replyError(callId, method, t);
            listeners.completed(t);
            return;
        }
        // Finished before the reply goes out: a peer that sees the reply never finds the call still
        // counted against its limit of calls in progress.
        server.finished(callId);
        try {
            server.reply(callId, method, result);
            listeners.completed(null);
        } catch (Error e) {
            // Running out of memory for a large result fails this call, not the reading thread.
            server.replyError(callId, e);
            listeners.completed(e);
        }
    }

    /**
     * Stops the remote work: the caller gave up on it. A blocking method's thread is interrupted
     * under the monitor, so that the interrupt cannot reach the task that thread runs next (see
     * {@link #dispatch}); a future is cancelled after it, for its cancellation runs the reply, socket
     * I/O, at once.
     */
    void cancel() {
        CompletableFuture<?> future;
        synchronized (this) {
            cancelled = true;
            future = stage;
            if (future == null && runner != null) {
                runner.interrupt();
            }
        }
        if (future != null) {
            future.cancel(true);
        }
    }

    private Object dispatch(LocalObject target, int methodId, Object[] args) throws Throwable {
        synchronized (this) {
            if (cancelled) {
                throw new CancellationException("cancelled by the caller before it started");
            }
            runner = Thread.currentThread();
        }
        try {
            return target.dispatcher().dispatch(methodId, args);
        } finally {
            synchronized (this) {
                runner = null;
                // A cancel that raced with the method's return must not leak into the next task.
                Thread.interrupted();
            }
        }
    }

    private void replyWhenDone(long callId, MethodDescriptor method, CompletionStage<?> async) {
        CompletableFuture<?> future = async.toCompletableFuture();
        boolean cancelNow;
        synchronized (this) {
            stage = future;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            future.cancel(true);
        }
        future.whenComplete((value, error) -> {
            server.finished(callId);
            if (error == null) {
                server.reply(callId, method, value);
            } else {
                server.replyError(callId, method, unwrap(error));
            }
            listeners.completed(error == null ? null : unwrap(error));
        });
    }

    /**
     * The failure itself rather than the {@code CompletionException} that a future's stage wraps it
     * in (an exception thrown inside {@code supplyAsync}, say), as {@code CompletableFuture.get}
     * reports it: so that a declared exception is rebuilt as itself on the caller's side.
     */
    private static Throwable unwrap(Throwable error) {
        Throwable failure = error;
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }
}
