package dev.isolate4j.processor.roundtrip;

import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.RemoteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link RemoteTarget} that skips the wire: it hands each call straight to a dispatcher, as the
 * runtime does on the other side after decoding, and records the method ids it was called with.
 */
final class DirectTarget implements RemoteTarget {
    private final Dispatcher dispatcher;
    final List<Integer> calledIds = new ArrayList<>();

    DirectTarget(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Object call(int methodId, Object[] args) {
        calledIds.add(methodId);
        try {
            return dispatcher.dispatch(methodId, args);
        } catch (Throwable t) {
            throw DirectTarget.<RuntimeException>sneakyThrow(t); // checked exceptions rethrown as themselves
        }
    }

    @Override
    public <R> CompletableFuture<R> callAsync(int methodId, Object[] args) {
        calledIds.add(methodId);
        try {
            @SuppressWarnings("unchecked")
            CompletionStage<R> stage = (CompletionStage<R>) dispatcher.dispatch(methodId, args);
            return stage.toCompletableFuture();
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
