package dev.isolate4j.it.extension;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import dev.isolate4j.it.api.Intercepted;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each call the child serves, with its metadata; found by the child's ServiceLoader. */
public final class FixtureInterceptor implements CallInterceptor, Intercepted {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    public CallListener beforeServe(CallInfo call, Map<String, String> metadata) {
        if (call.type() == Intercepted.class) {
            return CallListener.NONE; // reading the record is not part of it
        }
        Thread serving = Thread.currentThread();
        String line = call.fullMethodName() + " " + new TreeMap<>(metadata);
        return new CallListener() {
            private String thread;

            @Override
            public void returned() {
                thread = Thread.currentThread() == serving ? "same-thread" : "other-thread";
            }

            @Override
            public void completed(Throwable failure) {
                SEEN.add(line + " " + thread + " " + (failure == null ? "ok" : "failed"));
            }
        };
    }

    @Override
    public List<String> seen() {
        return List.copyOf(SEEN);
    }
}
