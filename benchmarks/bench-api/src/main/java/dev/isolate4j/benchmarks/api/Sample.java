package dev.isolate4j.benchmarks.api;

import java.util.List;

/** A typical application record crossing the boundary: the processor registers it with Fory. */
public record Sample(String name, int id, long timestamp, double[] values, List<String> tags) {}
