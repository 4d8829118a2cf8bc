package dev.isolate4j.internal.rpc;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import dev.isolate4j.RemoteCallException;
import dev.isolate4j.spi.MethodDescriptor;
import dev.isolate4j.spi.RemoteInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallInterceptor}s of one connection, and the calls they see. With none, which is the
 * common case, a call asks one {@code isEmpty()} and carries no metadata.
 */
final class Interceptors {
    static final Interceptors NONE = new Interceptors("", List.of());

    /** Bounds what a caller's interceptors may put on a call, checked where it is put. */
    static final int MAX_ENTRIES = 64;

    static final int MAX_CHARS = 1024;

    private final String extension;
    private final List<CallInterceptor> interceptors;

    Interceptors(String extension, List<CallInterceptor> interceptors) {
        this.extension = extension;
        this.interceptors = List.copyOf(interceptors);
    }

    boolean isEmpty() {
        return interceptors.isEmpty();
    }

    /**
     * Shows the interceptors a call this side makes.
     *
     * @param metadata filled by the interceptors
     * @throws RemoteCallException when they put more than the metadata may carry, naming it
     * @throws RuntimeException as an interceptor threw it: the call fails with it
     */
    Listeners beforeCall(RemoteInterface<?> target, MethodDescriptor method, Map<String, String> metadata) {
        CallInfo call = info(target, method);
        List<CallListener> listeners = new ArrayList<>(interceptors.size());
        for (CallInterceptor interceptor : interceptors) {
            listeners.add(interceptor.beforeCall(call, metadata));
        }
        checkBounds(call, metadata);
        return new Listeners(listeners);
    }

    /** Shows the interceptors a call this side serves, on the thread that will run it. */
    Listeners beforeServe(RemoteInterface<?> target, MethodDescriptor method, Map<String, String> metadata) {
        if (interceptors.isEmpty()) {
            return Listeners.NONE;
        }
        CallInfo call = info(target, method);
        // The header's own map, decoded for this call alone: no copy, only no writes.
        Map<String, String> readOnly = Collections.unmodifiableMap(metadata);
        List<CallListener> listeners = new ArrayList<>(interceptors.size());
        for (CallInterceptor interceptor : interceptors) {
            listeners.add(interceptor.beforeServe(call, readOnly));
        }
        return new Listeners(listeners);
    }

    private CallInfo info(RemoteInterface<?> target, MethodDescriptor method) {
        String name = method == null ? "unknown" : method.name();
        return new CallInfo(extension, target.type(), name, method != null && method.async());
    }

    private static void checkBounds(CallInfo call, Map<String, String> metadata) {
        if (metadata.size() > MAX_ENTRIES) {
            throw new RemoteCallException("the interceptors put " + metadata.size() + " entries on the call to "
                    + call.fullMethodName() + "; at most " + MAX_ENTRIES + " travel with a call");
        }
        metadata.forEach((key, value) -> {
            if (key == null || value == null || key.length() > MAX_CHARS || value.length() > MAX_CHARS) {
                throw new RemoteCallException("the interceptors put the entry '" + key + "' on the call to "
                        + call.fullMethodName() + " with "
                        + (value == null ? "a null value" : value.length() + " characters")
                        + "; keys and values are non-null and at most " + MAX_CHARS + " characters");
            }
        });
    }

    /**
     * The listeners of one call; a listener that throws is logged, and the others still told. They
     * are told of the call's end once, however many paths report it.
     */
    static final class Listeners {
        static final Listeners NONE = new Listeners(List.of());

        private final List<CallListener> listeners;
        private final AtomicBoolean completed = new AtomicBoolean();

        private Listeners(List<CallListener> listeners) {
            this.listeners = listeners;
        }

        void returned() {
            for (CallListener listener : listeners) {
                try {
                    listener.returned();
                } catch (RuntimeException e) {
                    log().warn("a CallListener's returned() threw", e);
                }
            }
        }

        void completed(Throwable failure) {
            if (listeners.isEmpty() || !completed.compareAndSet(false, true)) {
                return;
            }
            for (CallListener listener : listeners) {
                try {
                    listener.completed(failure);
                } catch (RuntimeException e) {
                    log().warn("a CallListener's completed() threw", e);
                }
            }
        }
    }

    /** Looked up at the first message: SLF4J starts up only once something logs (see {@link DaemonThreads}). */
    private static Logger log() {
        return LoggerFactory.getLogger(Interceptors.class);
    }
}
