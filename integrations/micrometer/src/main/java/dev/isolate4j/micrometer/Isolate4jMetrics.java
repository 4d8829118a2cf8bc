package dev.isolate4j.micrometer;

import dev.isolate4j.CallInfo;
import dev.isolate4j.CallInterceptor;
import dev.isolate4j.CallListener;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionMemory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * isolate4j's calls and children in a Micrometer registry: a timer {@value #CALLS} per extension,
 * method, side ({@code client}: calls the host makes; {@code server}: calls it serves for an
 * extension) and outcome ({@code success}, {@code failure}), and gauges {@value #RSS} and {@value
 * #HEAP_USED} of each child's memory, asked of the child when the registry reads them.
 *
 * <pre>{@code
 * Isolate4jMetrics metrics = new Isolate4jMetrics(registry);
 * ExtensionManager<Ocr> manager = new ExtensionManager<>(Ocr.class,
 *         ExtensionManagerConfig.builder().envRootPath(root).interceptors(metrics).build());
 * metrics.monitor(manager);
 * }</pre>
 */
public final class Isolate4jMetrics implements CallInterceptor {
    /** The calls' timer. */
    public static final String CALLS = "isolate4j.calls";

    /** A child's resident set, in bytes; NaN while it is not running. */
    public static final String RSS = "isolate4j.child.rss";

    /** A child's heap in use, in bytes; NaN while it is not running. */
    public static final String HEAP_USED = "isolate4j.child.heap.used";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile ExtensionManager<?> manager;

    /** @param registry where the meters go */
    public Isolate4jMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Adds the memory gauges of {@code manager}'s extensions, each once it was called first.
     *
     * @param manager the manager whose config installed these metrics as an interceptor
     * @return this
     */
    public Isolate4jMetrics monitor(ExtensionManager<?> manager) {
        this.manager = manager;
        return this;
    }

    @Override
    public CallListener beforeCall(CallInfo call, Map<String, String> metadata) {
        gauges(call.extension());
        return timed(call, "client");
    }

    @Override
    public CallListener beforeServe(CallInfo call, Map<String, String> metadata) {
        return timed(call, "server");
    }

    private CallListener timed(CallInfo call, String side) {
        long start = System.nanoTime();
        return new CallListener() {
            @Override
            public void completed(Throwable failure) {
                timer(call, side, failure == null ? "success" : "failure")
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Timer timer(CallInfo call, String side, String outcome) {
        String key = call.extension() + '\0' + call.fullMethodName() + '\0' + side + '\0' + outcome;
        return timers.computeIfAbsent(
                key,
                unused -> Timer.builder(CALLS)
                        .description("calls between the host and its extensions")
                        .tag("extension", call.extension())
                        .tag("method", call.fullMethodName())
                        .tag("side", side)
                        .tag("outcome", outcome)
                        .register(registry));
    }

    private void gauges(String extension) {
        if (manager == null || !gauged.add(extension)) {
            return;
        }
        gauge(RSS, "the child's resident set", extension, ExtensionMemory::rssBytes);
        gauge(HEAP_USED, "the child's heap in use", extension, ExtensionMemory::heapUsedBytes);
    }

    private void gauge(String name, String description, String extension, ToLongFunction<ExtensionMemory> value) {
        Gauge.builder(name, () -> read(extension, value))
                .description(description)
                .baseUnit("bytes")
                .tag("extension", extension)
                .register(registry);
    }

    private double read(String extension, ToLongFunction<ExtensionMemory> value) {
        ExtensionManager<?> current = manager;
        try {
            long bytes =
                    value.applyAsLong(current.handle(extension).statistics().memory());
            return bytes < 0 ? Double.NaN : bytes;
        } catch (NoSuchElementException e) {
            return Double.NaN; // stopped since
        }
    }
}
