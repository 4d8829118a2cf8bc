package dev.isolate4j.it.host.api;

import dev.isolate4j.annotations.ProxiedSingleton;

/** A host singleton declared in a named module's exported package: its generated code compiles there. */
@ProxiedSingleton(id = "modular-greeting")
public interface Greeting {
    String greet(String name);
}
