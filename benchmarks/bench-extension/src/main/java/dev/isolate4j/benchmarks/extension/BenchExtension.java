package dev.isolate4j.benchmarks.extension;

import com.google.auto.service.AutoService;
import dev.isolate4j.ExtensionBase;
import dev.isolate4j.SharedBuffer;
import dev.isolate4j.benchmarks.api.BenchService;
import dev.isolate4j.benchmarks.api.Means;
import dev.isolate4j.benchmarks.api.Sample;
import dev.isolate4j.benchmarks.api.Token;
import dev.isolate4j.internal.rpc.CallTiming;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** The extension the harness measures: every method does as little as its contract allows. */
@AutoService(ExtensionBase.class)
public final class BenchExtension extends ExtensionBase implements BenchService {

    @Override
    public String echo(String value) {
        return value;
    }

    @Override
    public CompletableFuture<Integer> echoAsync(int value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public double mean(double[] values) {
        return Means.of(values);
    }

    @Override
    public double meanOfList(List<Double> values) {
        return Means.of(values);
    }

    @Override
    public byte[] echoBytes(byte[] bytes) {
        return bytes;
    }

    @Override
    public long longAt(SharedBuffer buffer, long index) {
        return buffer.getLong(index);
    }

    @Override
    public Sample roundTrip(Sample sample) {
        return sample;
    }

    @Override
    public Flow.Publisher<Token> tokens(int count) {
        return new OnDemand<>(count, i -> new Token(i, "token"));
    }

    @Override
    public long[] callTimings() {
        return CallTiming.table();
    }

    @Override
    public Flow.Publisher<byte[]> chunks(int count, int bytes) {
        byte[] chunk = new byte[bytes];
        return new OnDemand<>(count, i -> chunk);
    }
}
