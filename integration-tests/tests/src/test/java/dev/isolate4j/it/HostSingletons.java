package dev.isolate4j.it;

import dev.isolate4j.ProxiedSingletons;
import dev.isolate4j.it.api.Bouncer;
import dev.isolate4j.it.api.Chatter;
import dev.isolate4j.it.api.HostCounter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host singletons the tests share: singletons are process-wide, so they are registered once
 * per test JVM and tests work with differences of the counter.
 */
final class HostSingletons {
    static final AtomicLong COUNTER = new AtomicLong();

    /** The extension the Bouncer calls back into; set by the test that bounces. */
    static volatile Chatter bounceTarget;

    private static boolean registered;

    private HostSingletons() {}

    static synchronized void register() {
        if (registered) {
            return;
        }
        ProxiedSingletons.register(HostCounter.class, new HostCounter() {
            @Override
            public long incrementAndGet() {
                return COUNTER.incrementAndGet();
            }

            @Override
            public long hostPid() {
                return ProcessHandle.current().pid();
            }
        });
        ProxiedSingletons.register(Bouncer.class, new Bouncer() {
            @Override
            public int bounce(int depth) {
                return depth == 0 ? 0 : bounceTarget.bounce(depth - 1) + 1;
            }

            @Override
            public CompletableFuture<Integer> bounceAsync(int depth) {
                if (depth == 0) {
                    return CompletableFuture.completedFuture(0);
                }
                return bounceTarget.bounceAsync(depth - 1).thenApply(n -> n + 1);
            }
        });
        registered = true;
    }
}
