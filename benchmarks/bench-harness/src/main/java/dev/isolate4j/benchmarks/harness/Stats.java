package dev.isolate4j.benchmarks.harness;

import java.util.Arrays;

/** Summary of a sample of durations in nanoseconds. */
record Stats(double p50Micros, double p99Micros, double meanMicros) {

    static Stats of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Stats(percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3, sum / sorted.length / 1e3);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double percentile(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
