package com.example.greeter;

import dev.isolate4j.annotations.Callee;
import java.util.concurrent.CompletableFuture;

/** The interface a host and its extensions share; the processor generates its proxy and dispatcher. */
@Callee
public interface Greeter {
    String greet(String name);

    CompletableFuture<Long> pidAsync();
}
