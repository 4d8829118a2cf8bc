package dev.isolate4j.internal.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of an asynchronous call, which waits for its reply as a blocking call does when it is
 * awaited ({@code join}, {@code get}): a caller that awaits it at once waits in the way {@link
 * ReplySpin} finds quickest, and a reading thread that awaits it first hands the reading to another
 * thread ({@link ReadingRole#beforeWaiting()}), rather than after the watchdog's millisecond. The
 * stages that depend on it are plain {@code CompletableFuture}s.
 */
final class AwaitedFuture extends CompletableFuture<Object> {
    private final ReplySpin spin;
    private final ReplySpin.Poller poller;
    private final long startNanos;

    AwaitedFuture(ReplySpin spin, ReplySpin.Poller poller, long startNanos) {
        this.spin = spin;
        this.poller = poller;
        this.startNanos = startNanos;
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        int way = beforeWaiting();
        Object result = super.get();
        afterWaiting(way);
        return result;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        int way = beforeWaiting();
        Object result = super.get(timeout, unit);
        afterWaiting(way);
        return result;
    }

    @Override
    public Object join() {
        int way = beforeWaiting();
        Object result = super.join();
        afterWaiting(way);
        return result;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    /** Returns the way it waited, or -1 when the reply was there or the wait came late. */
    private int beforeWaiting() {
        if (isDone()) {
            return -1;
        }
        ReadingRole.beforeWaiting();
        if (System.nanoTime() - startNanos > ReplySpin.MAX_SPIN_NANOS) {
            return -1; // awaited long after the call: its round trip says nothing of the ways
        }
        int way = spin.choose();
        spin.await(this, startNanos, way, poller);
        return way;
    }

    private void afterWaiting(int way) {
        if (way >= 0) {
            spin.record(way, System.nanoTime() - startNanos);
        }
    }
}
