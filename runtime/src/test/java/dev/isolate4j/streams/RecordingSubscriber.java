package dev.isolate4j.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Records what a stream delivers and checks the Reactive Streams rules a subscriber relies on:
 * {@code onSubscribe} first and once, no {@code onNext} beyond demand, signals one at a time, one
 * end.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    private final long initialRequest;
    final List<T> items = new ArrayList<>();
    final CompletableFuture<Void> end = new CompletableFuture<>();
    final List<String> violations = new ArrayList<>();
    volatile Flow.Subscription subscription;
    private long demand;
    private volatile boolean inSignal;

    RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        enter("onSubscribe");
        if (subscription != null) {
            violations.add("onSubscribe twice");
        }
        subscription = s;
        leave();
        if (initialRequest > 0) {
            request(initialRequest);
        }
    }

    synchronized void request(long n) {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        subscription.request(n);
    }

    @Override
    public void onNext(T item) {
        enter("onNext");
        synchronized (this) {
            if (demand == 0) {
                violations.add("onNext beyond demand: " + item);
            } else if (demand != Long.MAX_VALUE) {
                demand--;
            }
            items.add(item);
        }
        leave();
    }

    @Override
    public void onError(Throwable error) {
        enter("onError");
        if (!end.completeExceptionally(error)) {
            violations.add("second end: " + error);
        }
        leave();
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        if (!end.complete(null)) {
            violations.add("second end: complete");
        }
        leave();
    }

    synchronized int count() {
        return items.size();
    }

    synchronized List<T> itemsSoFar() {
        return List.copyOf(items);
    }

    /** Waits for the end and returns the error, or null on completion. */
    Throwable awaitEnd() throws Exception {
        try {
            end.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    private void enter(String signal) {
        if (subscription == null && !signal.equals("onSubscribe")) {
            violations.add(signal + " before onSubscribe");
        }
        if (inSignal) {
            violations.add(signal + " while another signal runs");
        }
        inSignal = true;
    }

    private void leave() {
        inSignal = false;
    }
}
