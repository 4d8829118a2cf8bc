package dev.isolate4j.benchmarks.jmh;

import dev.isolate4j.benchmarks.api.BenchService_Descriptor;
import dev.isolate4j.benchmarks.api.Sample;
import dev.isolate4j.internal.serialization.PayloadSerializer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fory round trips (serialize, then deserialize) of typical call arguments through isolate4j's
 * {@link PayloadSerializer}, with the descriptor's types registered as a connection does. Arguments
 * travel as an {@code Object[]}, as the generated proxies pack them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializationBenchmark {

    @Param({"true", "false"})
    public boolean codegen;

    private PayloadSerializer serializer;
    private Object[] smallString;
    private Object[] record;
    private Object[] doubleArray;
    private Object[] doubleList;

    @Setup
    public void setUp() {
        serializer = new PayloadSerializer(codegen, "shared buffers are not enabled");
        serializer.register(new BenchService_Descriptor());
        smallString = new Object[] {"isolate4j-bench!"};
        record = new Object[] {
            new Sample("sensor-7", 7, 1_700_000_000_000L, new double[] {1.5, 2.5, 3.5}, List.of("a", "b"))
        };
        double[] values = new double[100_000];
        List<Double> list = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5;
            list.add(values[i]);
        }
        doubleArray = new Object[] {values};
        doubleList = new Object[] {list};
    }

    private Object roundTrip(Object value) {
        return serializer.deserialize(ByteBuffer.wrap(serializer.serialize(value)));
    }

    /** As a call whose method tracks references writes and reads its values. */
    private Object roundTripTrackingReferences(Object value) {
        PayloadSerializer.Payload payload = serializer.encode(value, true);
        ByteBuffer joined = ByteBuffer.allocate((int) payload.frameBytes());
        payload.parts().forEach(part -> joined.put(part.duplicate()));
        return serializer.deserialize(joined.flip());
    }

    @Benchmark
    public Object smallString() {
        return roundTrip(smallString);
    }

    @Benchmark
    public Object record() {
        return roundTrip(record);
    }

    /** What reference tracking would cost the record row: why only methods that need it pay. */
    @Benchmark
    public Object recordTrackingReferences() {
        return roundTripTrackingReferences(record);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object doubleArray100k() {
        return roundTrip(doubleArray);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object doubleList100k() {
        return roundTrip(doubleList);
    }
}
