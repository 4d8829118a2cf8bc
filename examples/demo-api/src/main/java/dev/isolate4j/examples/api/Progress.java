package dev.isolate4j.examples.api;

import dev.isolate4j.annotations.Callee;

/** A host callback: crosses to the extension as a remote reference, called back during a call. */
@Callee
@FunctionalInterface
public interface Progress {
    void step(String plugin, int done, int total);
}
