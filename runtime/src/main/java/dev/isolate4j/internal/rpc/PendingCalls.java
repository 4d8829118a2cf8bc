package dev.isolate4j.internal.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The table of calls awaiting a reply, keyed by call id.
 *
 * <p>Discipline (after okhttp's Http2Connection): a call is registered before its frame is
 * written, so that a fast reply is never dropped; it is removed exactly once, by its reply, its
 * timeout or the connection's end; when the connection ends, every call in the table is failed
 * with the cause, and later registrations fail at once.
 *
 * <p>No lock: callers register and the reading thread removes at once, with 64 calls in flight,
 * and a monitor they contend for costs them wake-ups. What a lock gave, the order of two volatile
 * accesses gives: {@link #failAll} publishes the cause before it empties the table, and {@link
 * #register} puts the call before it reads the cause. So a registration that races with the end is
 * either emptied out by {@code failAll} or sees the cause and removes its call itself; whichever
 * removes the call (the map hands it to one remover) fails it.
 */
final class PendingCalls {
    private final Map<Long, PendingCall> calls = new ConcurrentHashMap<>();
    /** Set once, when the connection ends. */
    private volatile Throwable closedCause;

    /** Registers {@code call}, or fails it at once when the connection has ended. */
    void register(PendingCall call) {
        calls.put(call.id(), call);
        Throwable cause = closedCause;
        if (cause != null && calls.remove(call.id(), call)) {
            call.future().completeExceptionally(cause);
        }
    }

    /** Removes and returns the call with {@code id}, or {@code null} when it is gone already. */
    PendingCall remove(long id) {
        return calls.remove(id);
    }

    /** {@return the call with {@code id}, or {@code null} when it is gone already} */
    PendingCall get(long id) {
        return calls.get(id);
    }

    int size() {
        return calls.size();
    }

    /** Fails each call whose deadline passed by {@code nowNanos}; returns whether any call has one. */
    boolean timeOutDue(long nowNanos) {
        boolean any = false;
        for (PendingCall call : calls.values()) {
            any |= call.async();
            call.timeOutIfDue(nowNanos);
        }
        return any;
    }

    void failAll(Throwable cause) {
        synchronized (this) {
            if (closedCause == null) {
                closedCause = cause;
            }
        }
        Throwable first = closedCause;
        for (Long id : calls.keySet()) {
            PendingCall call = calls.remove(id);
            if (call != null) {
                call.future().completeExceptionally(first);
            }
        }
    }
}
