package dev.isolate4j.processor.roundtrip;

import dev.isolate4j.annotations.Callee;

/**
 * A top-level interface whose own name holds a {@code $}, and one nested in it: the names the
 * processor generates for them are the names the runtime looks for ({@link GeneratedNamesAgreeTest}).
 */
@Callee
public interface Odd$Name {
    String odd();

    /** Nested: its generated classes are named {@code Odd$Name_Inner_...}. */
    @Callee
    interface Inner {
        String inner();
    }
}
