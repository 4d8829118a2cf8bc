package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import dev.isolate4j.annotations.LocalExecution;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The extension interface the integration tests load. */
@Callee
public interface TestExtension {
    /** The pid of the process the method runs in. */
    long pid();

    /** Same, asynchronously. */
    CompletableFuture<Long> pidAsync();

    String echo(String text);

    CompletionStage<String> echoLater(String text, long delayMillis);

    /** The lifecycle hooks that ran, in order. */
    List<String> lifecycle();

    /** The JVM arguments and program arguments of the process the method runs in. */
    List<String> commandLine();

    Measurement measure(List<Double> values);

    void fail(String message);

    /** Allocates {@code megabytes} MiB and keeps it; returns the MiB kept so far. */
    int hoard(int megabytes);

    /** Allocates {@code megabytes} MiB outside the heap (direct buffers, touched) and keeps it. */
    int hoardNative(int megabytes);

    /** The length of {@code text}: a large argument with a small result. */
    int length(String text);

    /** A new array holding each byte of {@code bytes} plus {@code delta}: a large argument and a large result. */
    byte[] shifted(byte[] bytes, int delta);

    /** Runs where it is called: in the host when called on the host's proxy. */
    @LocalExecution
    default String describe() {
        return "called in " + ProcessHandle.current().pid() + ", extension in " + pid();
    }
}
