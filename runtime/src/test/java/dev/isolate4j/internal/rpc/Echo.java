package dev.isolate4j.internal.rpc;

import dev.isolate4j.annotations.Callee;
import java.util.concurrent.CompletableFuture;

/** The interface the connection tests call; the annotation processor generates its descriptor, proxy and dispatcher. */
@Callee
public interface Echo {
    String echo(String text);

    CompletableFuture<String> later(String text, long delayMillis);

    void sleep(long millis) throws InterruptedException;

    Point mirror(Point point);

    record Point(int x, int y) {}
}
