package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;

/** A host callback an extension calls during a call: crosses as a remote reference. */
@Callee
@FunctionalInterface
public interface ProgressListener {
    void progress(int step);
}
