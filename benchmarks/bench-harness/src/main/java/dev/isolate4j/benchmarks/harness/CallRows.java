package dev.isolate4j.benchmarks.harness;

import java.util.List;

/**
 * The rows measured the same way whatever carries the calls: small-call latency, the mean of many
 * doubles, and a large array's round trip. Each contender adapts its service to {@link Service}.
 */
final class CallRows {
    private CallRows() {}

    /** The small-call row: warmed up, then each call timed. */
    static Stats small(Settings settings, Service service) throws Exception {
        String text = Harness.SMALL_STRING;
        for (int i = 0; i < settings.smallWarmup(); i++) {
            service.echo(text);
        }
        long[] nanos = new long[settings.smallCalls()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            service.echo(text);
            nanos[i] = System.nanoTime() - start;
        }
        return Stats.of(nanos);
    }

    /** The calls these rows make. */
    interface Service {
        String echo(String value) throws Exception;

        double mean(double[] values) throws Exception;

        double meanOfList(List<Double> values) throws Exception;

        byte[] echoBytes(byte[] bytes) throws Exception;
    }

    /** Fills {@code figures}' small-call, doubles and large-array rows by calling {@code service}. */
    static void measure(Baselines.Figures figures, Settings settings, Service service) throws Exception {
        figures.small = small(settings, service);
        doubles(figures, settings, service);
        byte[] big = new byte[settings.bigBytes()];
        double millis = Harness.millisPerCall(settings.bigWarmup(), settings.bigCalls(), () -> service.echoBytes(big));
        figures.bigMBps = big.length / 1e6 / (millis / 1e3);
    }

    /** Fills {@code figures}' doubles rows by calling {@code service}. */
    static void doubles(Baselines.Figures figures, Settings settings, Service service) throws Exception {
        double[] array = Harness.doubles(settings.doubles());
        List<Double> list = Harness.boxed(array);
        figures.doubleArrayMillis = Harness.millisPerCallWarmedFor(
                settings.doublesWarmupSeconds(), settings.doublesCalls(), () -> service.mean(array));
        figures.doubleListMillis = Harness.millisPerCallWarmedFor(
                settings.doublesWarmupSeconds(), settings.doublesCalls(), () -> service.meanOfList(list));
    }
}
