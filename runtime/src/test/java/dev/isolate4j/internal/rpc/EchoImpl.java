package dev.isolate4j.internal.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** The served side of {@link Echo} for this package's tests, telling them what it was called for. */
final class EchoImpl implements Echo {
    /** A permit per {@code echo} served. */
    final Semaphore echoed = new Semaphore(0);
    /** Counted down when a {@code sleep} begins. */
    final CountDownLatch sleepStarted = new CountDownLatch(1);

    @Override
    public String echo(String text) {
        echoed.release();
        return text;
    }

    @Override
    public CompletableFuture<String> later(String text, long delayMillis) {
        return CompletableFuture.supplyAsync(
                () -> text, CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        sleepStarted.countDown();
        Thread.sleep(millis);
    }

    @Override
    public Point mirror(Point point) {
        return new Point(point.y(), point.x());
    }
}
