package dev.isolate4j.it.api;

import dev.isolate4j.annotations.ProxiedSingleton;

/** A host singleton the extension calls through ProxiedSingletons. */
@ProxiedSingleton(id = "it.counter")
public interface HostCounter {
    long incrementAndGet();

    long hostPid();
}
