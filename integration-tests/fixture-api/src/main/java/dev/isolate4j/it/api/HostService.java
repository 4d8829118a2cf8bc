package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;

/** A host callee (not a singleton) the extension reaches with createCaller. */
@Callee
public interface HostService {
    long twice(long value);

    long hostPid();
}
