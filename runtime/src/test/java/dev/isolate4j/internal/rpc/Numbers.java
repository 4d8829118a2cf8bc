package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;
import java.util.concurrent.Flow;

/** A stream the connection tests ask a peer for; only {@link HostileFramesTest}'s peer answers it. */
@Callee
public interface Numbers {
    Flow.Publisher<Integer> numbers();
}
