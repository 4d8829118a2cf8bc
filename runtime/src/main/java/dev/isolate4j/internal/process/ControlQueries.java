package dev.isolate4j.internal.process;

import dev.isolate4j.internal.framing.Frame;
import dev.isolate4j.internal.framing.FrameType;
import dev.isolate4j.internal.rpc.RpcConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The questions the host asks a child on its connection outside any call (its memory, its threads,
 * the health check's probe), each answered by a frame with the question's id: this pairs them. The
 * questions go out from the connection's worker, so that asking never blocks the asker.
 */
final class ControlQueries {
    private final Map<Long, CompletableFuture<ByteBuffer>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    /**
     * Asks {@code query} on {@code connection}.
     *
     * @return the answer's body; or completes exceptionally, with a {@code TimeoutException} when
     *     no answer came within {@code timeout}, or with the cause when the connection ended
     */
    CompletableFuture<ByteBuffer> ask(RpcConnection connection, FrameType query, Duration timeout) {
        long id = lastId.incrementAndGet();
        CompletableFuture<ByteBuffer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        connection.sendControlLater(query, id, ByteBuffer.allocate(0));
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((body, error) -> pending.remove(id));
    }

    /**
     * Completes the question that {@code frame} answers; an answer that comes too late finds none.
     *
     * @return whether a question was waiting for it
     */
    boolean answer(Frame frame) {
        CompletableFuture<ByteBuffer> answer = pending.get(frame.callId());
        return answer != null && answer.complete(frame.body());
    }

    /** Fails every question still waiting: the connection ended. */
    void failAll(Throwable cause) {
        pending.values().forEach(answer -> answer.completeExceptionally(cause));
    }
}
