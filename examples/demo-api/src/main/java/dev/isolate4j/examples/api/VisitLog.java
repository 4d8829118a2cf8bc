package dev.isolate4j.examples.api;

import dev.isolate4j.annotations.ProxiedSingleton;

/** A host service shared by all extensions: one instance, in the host. */
@ProxiedSingleton(id = "demo.visits")
public interface VisitLog {
    /** Records a visit by {@code plugin} and returns the total number of visits of all plugins. */
    long visit(String plugin);
}
