package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;
import java.util.concurrent.Flow;

/** Streams the connection tests ask a peer for ({@link HostileFramesTest}). */
@Callee
public interface Numbers {
    /** {@code count} arrays, the first of {@code bytes} bytes, then the end. */
    Flow.Publisher<byte[]> chunks(int count, int bytes);

    Flow.Publisher<Integer> numbers();
}
