package dev.isolate4j.benchmarks.api;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.annotations.Callee;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** What the benchmark host calls in its extension: one method per measured kind of call. */
@Callee
public interface BenchService {

    /** The small call: a short string there and back. */
    String echo(String value);

    /** The asynchronous small call, for the calls-in-flight throughput. */
    CompletableFuture<Integer> echoAsync(int value);

    /** The mean of an array: a large argument, a small result. */
    double mean(double[] values);

    /** The mean of a boxed list: a large argument Fory serializes element by element. */
    double meanOfList(List<Double> values);

    /** A large argument and an equally large result. */
    byte[] echoBytes(byte[] bytes);

    /** Reads one long of a shared buffer: the buffer crosses as a handle, whatever its size. */
    long longAt(SharedBuffer buffer, long index);

    /** A typical application record, there and back. */
    Sample roundTrip(Sample sample);

    /** {@code count} small records, made as they are requested. */
    Flow.Publisher<Token> tokens(int count);

    /** {@code count} arrays of {@code bytes} bytes, one array sent again and again. */
    Flow.Publisher<byte[]> chunks(int count, int bytes);

    /** The child's table of call stages, when it runs with {@code -Disolate4j.callTiming=true}; else empty. */
    long[] callTimings();
}
