package dev.isolate4j.it.host.hidden;

import dev.isolate4j.annotations.ProxiedSingleton;

/** A host singleton in a package the module does not export: the runtime cannot create its descriptor. */
@ProxiedSingleton(id = "modular-secret")
public interface Secret {
    String reveal();
}
