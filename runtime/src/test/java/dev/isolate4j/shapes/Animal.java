package dev.isolate4j.shapes;

import dev.isolate4j.annotations.Callee;

/** A callee super-interface: a Dog is called through it too. */
@Callee
public interface Animal {
    String name();

    /** The extension's interface: hands out its animals by id. */
    @Callee
    interface Keeper {
        String register(String name);
    }

    /** A more specific callee. */
    @Callee
    interface Dog extends Animal {
        String bark();
    }
}
