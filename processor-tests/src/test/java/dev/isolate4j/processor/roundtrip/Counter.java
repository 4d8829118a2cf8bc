package dev.isolate4j.processor.roundtrip;

import dev.isolate4j.annotations.ProxiedSingleton;

/** A singleton with an explicit id. */
@ProxiedSingleton(id = "roundtrip-counter")
public interface Counter {
    long incrementAndGet();
}
