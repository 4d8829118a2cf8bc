package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;

/** A callee the extension registers, reached from the host with createCaller. */
@Callee
public interface Clock {
    long ticks();
}
