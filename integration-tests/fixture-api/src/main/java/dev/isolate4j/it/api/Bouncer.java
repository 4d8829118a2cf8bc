package dev.isolate4j.it.api;

import dev.isolate4j.annotations.ProxiedSingleton;
import java.util.concurrent.CompletableFuture;

/** A host singleton that calls back into the extension: re-entrant chains between the processes. */
@ProxiedSingleton(id = "it.bouncer")
public interface Bouncer {
    int bounce(int depth);

    CompletableFuture<Integer> bounceAsync(int depth);
}
