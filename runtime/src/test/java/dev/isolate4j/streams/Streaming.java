package dev.isolate4j.streams;

import dev.isolate4j.annotations.Callee;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Streams both ways, for the runtime's stream tests. */
@Callee
public interface Streaming {
    /** The numbers 0 to {@code count - 1}, from a {@link RangePublisher}. */
    Flow.Publisher<Integer> range(int count);

    /** {@code count} arrays of {@code bytes} bytes, from a {@link RangePublisher}. */
    Flow.Publisher<byte[]> blobs(int count, int bytes);

    /** {@link #range} from an asynchronous method: the stream is the future's value. */
    CompletableFuture<Flow.Publisher<Integer>> rangeLater(int count);

    /** {@code words}' words as tokens, published through a {@code SubmissionPublisher}. */
    Flow.Publisher<Token> tokens(String words);

    /** The numbers 0 to {@code count - 1}, then an {@code IllegalStateException} with {@code message}. */
    Flow.Publisher<Integer> failing(int count, String message);

    /** What the extension's last {@link RangePublisher} saw: the most items requested ahead, and whether it was cancelled. */
    ProducerReport lastProducer();

    /** Subscribes to {@code numbers} and adds them up; blocks until the stream ends. */
    long sum(Flow.Publisher<Integer> numbers);

    /** Takes {@code count} items of {@code numbers}, then cancels. */
    CompletableFuture<List<Integer>> take(Flow.Publisher<Integer> numbers, int count);

    /** A publisher that breaks rule 1.1: it sends {@code count} items whatever was requested. */
    Flow.Publisher<Integer> unruly(int count);

    /** Keeps {@code numbers} without subscribing to it. */
    void ignore(Flow.Publisher<Integer> numbers);

    /** Hands the host's {@link Sink} a stream of {@code count} lines; returns what it answered. */
    long feedSink(int count);

    /**
     * Calls the host's {@link Counter} with {@code chars} characters at a time until its thread is
     * interrupted (the host cancelled this call) or a call fails; returns how many went through.
     */
    int callBackUntilCancelled(int chars);

    /** A host callee that counts the characters it is sent. */
    @Callee
    interface Counter {
        int count(String text);
    }

    /**
     * A host callee that consumes a stream the extension passes it.
     */
    @Callee
    interface Sink {
        long consume(Flow.Publisher<String> lines);
    }

    /** One token of a text. */
    record Token(int index, String text) {}

    /**
     * @param maxOutstanding the most items requested and not yet sent at any time
     * @param emitted items sent
     * @param cancelled whether the subscriber cancelled
     * @param subscribed whether anyone subscribed
     */
    record ProducerReport(long maxOutstanding, long emitted, boolean cancelled, boolean subscribed) {}
}
