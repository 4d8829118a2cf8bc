package dev.isolate4j.benchmarks.jmh;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.benchmarks.api.BenchService;
import dev.isolate4j.benchmarks.api.BenchService_Descriptor;
import dev.isolate4j.benchmarks.api.Sample;
import dev.isolate4j.benchmarks.api.Token;
import dev.isolate4j.spi.Dispatcher;
import dev.isolate4j.spi.MethodDescriptor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The generated {@code BenchService_Dispatcher}'s switch against a reflective {@code Method.invoke}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark {
    private Dispatcher dispatcher;
    private BenchService target;
    private Method method;
    private int methodId;
    private Object[] args;

    @Setup
    public void setUp() throws NoSuchMethodException {
        target = new Target();
        BenchService_Descriptor descriptor = new BenchService_Descriptor();
        dispatcher = descriptor.newDispatcher(target);
        List<MethodDescriptor> methods = descriptor.methods();
        for (int i = 0; i < methods.size(); i++) {
            if (methods.get(i).name().equals("echo")) {
                methodId = i;
            }
        }
        method = BenchService.class.getMethod("echo", String.class);
        args = new Object[] {"isolate4j-bench!"};
    }

    @Benchmark
    public Object generated() throws Throwable {
        return dispatcher.dispatch(methodId, args);
    }

    @Benchmark
    public Object reflective() throws Exception {
        return method.invoke(target, args);
    }

    /** A plain implementation: the dispatch, not the work, is measured. */
    static final class Target implements BenchService {
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
            return 0;
        }

        @Override
        public double meanOfList(List<Double> values) {
            return 0;
        }

        @Override
        public byte[] echoBytes(byte[] bytes) {
            return bytes;
        }

        @Override
        public long longAt(SharedBuffer buffer, long index) {
            return 0;
        }

        @Override
        public Sample roundTrip(Sample sample) {
            return sample;
        }

        @Override
        public Flow.Publisher<Token> tokens(int count) {
            throw new UnsupportedOperationException("streams are measured by the harness");
        }

        @Override
        public Flow.Publisher<byte[]> chunks(int count, int bytes) {
            throw new UnsupportedOperationException("streams are measured by the harness");
        }

        @Override
        public long[] callTimings() {
            return new long[0];
        }
    }
}
