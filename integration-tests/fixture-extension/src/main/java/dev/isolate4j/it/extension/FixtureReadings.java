package dev.isolate4j.it.extension;

import dev.isolate4j.ExtensionBase;
import dev.isolate4j.SharedBuffer;
import dev.isolate4j.it.api.Readings;
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
 * The extension of {@link Readings}. Not listed as a service of this jar, which declares {@link
 * FixtureExtension}: a test lists it in a copy of the jar.
 */
public final class FixtureReadings extends ExtensionBase implements Readings {
    @Override
    public Reading latest(String sensor) {
        Reading before = new Reading(sensor, 1.5, 1L, new int[] {1}, List.of("first"), null);
        return new Reading(sensor, 2.5, 2L, new int[] {2, 3}, List.of("second", "latest"), before);
    }

    @Override
    public Flow.Publisher<Reading> history(String sensor, int count) {
        return new FixtureStreamWorker.MadeOnDemand<>(
                count, i -> new Reading(sensor, i, i, new int[] {(int) i}, List.of("t" + i), null));
    }

    @Override
    public CompletableFuture<Summary> summarize(Reading first, Reading second) {
        return CompletableFuture.completedFuture(
                new Summary(first.value() + second.value(), second.at() - first.at(), second.value() > first.value()));
    }

    @Override
    public long sum(SharedBuffer buffer) {
        long sum = 0;
        for (long i = 0; i < buffer.size() / Long.BYTES; i++) {
            sum += buffer.getLong(i);
        }
        return sum;
    }

    @Override
    public List<String> sensors(List<Double> thresholds) {
        return thresholds.stream().map(threshold -> "above " + threshold).toList();
    }

    @Override
    public Optional<Reading> find(Optional<String> sensor) {
        return sensor.map(this::latest);
    }

    @Override
    public Due due(Instant since, Duration every, LocalDate day, LocalTime time, UUID sensor, BigDecimal cost) {
        return new Due(
                since.plus(every),
                LocalDateTime.of(day.plusDays(1), time),
                sensor,
                cost.multiply(BigDecimal.TEN),
                BigInteger.valueOf(every.toSeconds()).pow(3));
    }

    @Override
    public DayOfWeek nextReadingDay(DayOfWeek today, TimeUnit precision) {
        return precision == TimeUnit.DAYS ? today.plus(1) : today;
    }
}
