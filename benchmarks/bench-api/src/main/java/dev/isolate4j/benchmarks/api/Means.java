package dev.isolate4j.benchmarks.api;

import java.util.List;

/** The work behind the doubles rows, one body for every contender that serves them. */
public final class Means {
    private Means() {}

    /** {@return the mean of {@code values}, 0 when empty} */
    public static double of(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** {@return the mean of {@code values}, 0 when empty} */
    public static double of(List<Double> values) {
        double sum = 0;
        for (Double value : values) {
            sum += value;
        }
        return values.isEmpty() ? 0 : sum / values.size();
    }
}
