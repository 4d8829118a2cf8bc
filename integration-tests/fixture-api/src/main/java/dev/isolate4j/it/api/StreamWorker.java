package dev.isolate4j.it.api;

import dev.isolate4j.annotations.Callee;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Streams in a real child; registered by the fixture as callee "streams". */
@Callee
public interface StreamWorker {
    /** {@code count} arrays of {@code chunkBytes} bytes, each made when it is requested. */
    Flow.Publisher<byte[]> chunks(long count, int chunkBytes);

    /** Passes {@code chunks} on: every item crosses into this process and out again. */
    Flow.Publisher<byte[]> relay(Flow.Publisher<byte[]> chunks);

    /** "token 0", "token 1", ...; the process halts with status 3 instead of making token {@code haltAt}. */
    Flow.Publisher<String> tokensThenHalt(int haltAt);

    /** Reads {@code chunks} one at a time and halts the process with status 3 at chunk {@code haltAt}. */
    CompletableFuture<Long> consumeThenHalt(Flow.Publisher<byte[]> chunks, long haltAt);
}
