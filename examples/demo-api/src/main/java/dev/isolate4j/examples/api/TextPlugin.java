package dev.isolate4j.examples.api;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import java.util.concurrent.CompletableFuture;

/** What every demo extension offers the host. */
@Callee
public interface TextPlugin {
    /** Transforms {@code text}; a blocking call. */
    String transform(String text);

    /** Transforms every line of {@code text} in the extension, asynchronously. */
    CompletableFuture<Report> transformAll(java.util.List<String> lines);

    /** Where the extension runs. */
    long pid();

    /** Runs in the caller's process: one remote call, {@code pid()}. */
    @LocalExecution
    default String whereAmI() {
        return "pid " + pid();
    }
}
