package dev.isolate4j.examples.api;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What every demo extension offers the host. */
@Callee
public interface TextPlugin {
    /** Transforms {@code text}; a blocking call. */
    String transform(String text);

    /** Transforms every line in the extension, asynchronously, reporting each step to {@code progress}. */
    CompletableFuture<Report> transformAll(List<String> lines, Progress progress);

    /** The jar the extension's Guava was loaded from, or "none". */
    String guavaJar();

    /** Where the extension runs. */
    long pid();

    /** Runs in the caller's process: one remote call, {@code pid()}. */
    @LocalExecution
    default String whereAmI() {
        return "pid " + pid();
    }
}
