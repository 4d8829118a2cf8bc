package dev.isolate4j.it.api;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.annotations.Callee;
import java.time.DayOfWeek;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * An extension interface whose values the runtime writes itself, records and streams of them and
 * shared buffers included: its child never needs Fory. Served by {@code FixtureReadings}, which a
 * test puts in a jar of its own (a jar declares one extension).
 */
@Callee
public interface Readings {
    Reading latest(String sensor);

    Flow.Publisher<Reading> history(String sensor, int count);

    CompletableFuture<Summary> summarize(Reading first, Reading second);

    long sum(SharedBuffer buffer);

    List<String> sensors(List<Double> thresholds);

    /** The JDK's enums cross by name, as the interface's own do. */
    DayOfWeek nextReadingDay(DayOfWeek today, TimeUnit precision);

    /** One reading, with its neighbour in time. */
    record Reading(String sensor, double value, long at, int[] raw, List<String> tags, Reading previous) {}

    /** What two readings add up to. */
    record Summary(double total, long span, boolean rising) {}
}
