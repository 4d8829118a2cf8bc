package dev.isolate4j.internal.rpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of calls awaiting a reply, keyed by call id.
 *
 * <p>Discipline (after okhttp's Http2Connection): a call is registered before its frame is
 * written, so that a fast reply is never dropped; it is removed exactly once, by its reply, its
 * timeout or the connection's end; when the connection ends, the whole table is taken under the
 * lock and each call is failed outside it, and later registrations fail at once.
 */
final class PendingCalls {
    private final Object lock = new Object();
    /** Guarded by {@code lock}. */
    private final Map<Long, PendingCall> calls = new HashMap<>();
    /** Guarded by {@code lock}; set once, when the connection ends. */
    private Throwable closedCause;

    /** Registers {@code call}, or fails it at once when the connection has ended. */
    void register(PendingCall call) {
        Throwable cause;
        synchronized (lock) {
            cause = closedCause;
            if (cause == null) {
                calls.put(call.id(), call);
                return;
            }
        }
        call.future().completeExceptionally(cause);
    }

    /** Removes and returns the call with {@code id}, or {@code null} when it is gone already. */
    PendingCall remove(long id) {
        synchronized (lock) {
            return calls.remove(id);
        }
    }

    int size() {
        synchronized (lock) {
            return calls.size();
        }
    }

    void failAll(Throwable cause) {
        List<PendingCall> failed;
        synchronized (lock) {
            if (closedCause == null) {
                closedCause = cause;
            }
            failed = new ArrayList<>(calls.values());
            calls.clear();
        }
        for (PendingCall call : failed) {
            call.future().completeExceptionally(cause);
        }
    }
}
