package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;
import java.util.concurrent.CompletableFuture;

/** The interface the connection tests call; its generated code is written by hand in Echo_Descriptor. */
@Callee
public interface Echo {
    String echo(String text);

    CompletableFuture<String> later(String text, long delayMillis);

    void sleep(long millis) throws InterruptedException;

    Point mirror(Point point);

    record Point(int x, int y) {}
}
