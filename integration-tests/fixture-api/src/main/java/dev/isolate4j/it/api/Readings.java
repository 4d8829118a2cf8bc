package dev.isolate4j.it.api;

import dev.isolate4j.SharedBuffer;
import dev.isolate4j.annotations.Callee;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * The JDK's value classes cross by their numbers: when {@code reading} is due after {@code
     * since}, on the first day after {@code day} at {@code time}.
     */
    Due due(Instant since, Duration every, LocalDate day, LocalTime time, UUID sensor, BigDecimal cost);

    /** The latest reading of {@code sensor}, if it has a name: an {@code Optional} crosses as a container of one. */
    Optional<Reading> find(Optional<String> sensor);

    /** When a reading is due, and what it costs. */
    record Due(Instant at, LocalDateTime local, UUID sensor, BigDecimal cost, BigInteger count) {}

    /** One reading, with its neighbour in time. */
    record Reading(String sensor, double value, long at, int[] raw, List<String> tags, Reading previous) {}

    /** What two readings add up to. */
    record Summary(double total, long span, boolean rising) {}
}
