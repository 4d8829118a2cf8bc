package dev.isolate4j.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that another process makes true. */
final class Await {
    private Await() {}

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
