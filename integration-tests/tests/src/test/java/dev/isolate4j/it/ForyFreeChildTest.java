package dev.isolate4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.SharedBuffer;
import dev.isolate4j.it.api.Readings;
import dev.isolate4j.it.api.Readings.Reading;
import dev.isolate4j.it.api.Readings.Summary;
import dev.isolate4j.it.api.Readings_Descriptor;
import dev.isolate4j.it.api.Shapes_Descriptor;
import dev.isolate4j.it.api.TestExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child whose interface's values the runtime writes itself (records of simple values, streams
 * and futures of them, shared buffers, lists of strings and numbers, the JDK's enums, instants,
 * dates, times, UUIDs and big numbers, optionals) never loads Fory, neither for
 * its calls nor ahead of them, which keeps it about 6 MiB smaller; a child whose interface may need
 * Fory builds it once the machine is quiet, as before. Default configuration (sandboxed where
 * bubblewrap runs); each child logs the classes it loads into its own {@code /tmp}, which the test
 * reads through {@code /proc}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ForyFreeChildTest {
    private static final List<String> CLASS_LOG = List.of("-Xlog:class+load:file=/tmp/classes.log");

    @TempDir
    Path work;

    @Test
    void recordsStreamsAndSharedBuffersCrossWithoutForyWhileAnInterfaceThatNeedsItBuildsIt() throws Exception {
        assertThat(new Readings_Descriptor().valuesNeedFory()).isFalse();
        // The fixture extension registers callees at its start, Shapes among them, whose maps need
        // Fory: its child builds it once the machine is quiet.
        assertThat(new Shapes_Descriptor().valuesNeedFory()).isTrue();
        Path jar = TestJars.withEntries(
                Fixtures.extensionJar(),
                work.resolve("readings.jar"),
                Map.of(
                        "META-INF/services/dev.isolate4j.ExtensionBase",
                        "dev.isolate4j.it.extension.FixtureReadings\n"));
        try (ExtensionManager<Readings> manager = new ExtensionManager<>(
                        Readings.class,
                        ExtensionManagerConfig.builder()
                                .envRootPath(work.resolve("env"))
                                .build());
                ExtensionManager<TestExtension> others = Fixtures.manager(work.resolve("other-env"));
                SharedBuffer buffer = SharedBuffer.allocate(4096)) {
            Readings readings = manager.loadExtension(ExtensionConfig.builder("readings")
                    .modulePath(jar)
                    .sharedMemory(true)
                    .jvmArgs(CLASS_LOG)
                    .build());
            TestExtension other = others.loadExtension(
                    Fixtures.config("needs-fory").jvmArgs(CLASS_LOG).build());

            Reading latest = readings.latest("s1");
            assertThat(latest.tags()).containsExactly("second", "latest").inOrder();
            assertThat(latest.raw()).isEqualTo(new int[] {2, 3});
            assertThat(latest.previous().tags()).containsExactly("first");
            List<Reading> history = collect(readings.history("s1", 50));
            assertThat(history).hasSize(50);
            assertThat(history.get(49).tags()).containsExactly("t49");
            Summary summary = readings.summarize(history.get(1), latest).get(10, TimeUnit.SECONDS);
            assertThat(summary).isEqualTo(new Summary(3.5, 1L, true));
            buffer.putLong(0, 5);
            buffer.putLong(1, 7);
            assertThat(readings.sum(buffer)).isEqualTo(12L);
            assertThat(readings.sensors(List.of(1.5, 2.0))).containsExactly("above 1.5", "above 2.0");
            assertThat(readings.nextReadingDay(DayOfWeek.SUNDAY, TimeUnit.DAYS)).isEqualTo(DayOfWeek.MONDAY);
            Reading found = readings.find(Optional.of("s2")).orElseThrow();
            assertThat(found.sensor()).isEqualTo("s2");
            assertThat(found.previous().raw()).isEqualTo(new int[] {1});
            assertThat(readings.find(Optional.empty())).isEmpty();
            UUID sensor = UUID.randomUUID();
            assertThat(readings.due(
                            Instant.ofEpochSecond(1_800_000_000L, 5),
                            Duration.ofHours(1),
                            LocalDate.of(2026, 12, 31),
                            LocalTime.of(6, 30),
                            sensor,
                            new BigDecimal("0.125")))
                    .isEqualTo(new Readings.Due(
                            Instant.ofEpochSecond(1_800_003_600L, 5),
                            LocalDateTime.of(2027, 1, 1, 6, 30),
                            sensor,
                            new BigDecimal("1.250"),
                            BigInteger.valueOf(3600).pow(3)));
            assertThat(other.echo("x")).isEqualTo("x");

            long readingsPid = ExtensionHandle.of(readings).pid();
            long otherPid = ExtensionHandle.of(other).pid();
            // The other child builds Fory once the machine is quiet: by then both children's
            // builders have had their chance, and the first one's has ended without building.
            Await.until(
                    "the other child has built Fory",
                    Duration.ofSeconds(60),
                    () -> loaded(otherPid).anyMatch(line -> line.contains(" org.apache.fory.Fory ")));
            Await.until(
                    "the readings child's builder has ended",
                    Duration.ofSeconds(10),
                    () -> !threads(readingsPid).contains("isolate4j-fory-"));
            assertWithMessage("the readings child's class log")
                    .that(loaded(readingsPid).anyMatch(line -> line.contains(" " + Reading.class.getName() + " ")))
                    .isTrue();
            assertWithMessage("Fory classes loaded by the readings child")
                    .that(loaded(readingsPid)
                            .filter(line -> line.contains("org.apache.fory"))
                            .limit(3)
                            .toList())
                    .isEmpty();
        }
    }

    private static List<Reading> collect(Flow.Publisher<Reading> publisher) throws Exception {
        List<Reading> items = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Reading item) {
                items.add(item);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, TimeUnit.SECONDS);
        return items;
    }

    /** The lines of the class log a child writes in its own {@code /tmp}, sandboxed or not. */
    private static Stream<String> loaded(long pid) {
        Path log = Path.of("/proc/" + pid + "/root/tmp/classes.log");
        try {
            return Files.readAllLines(log).stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** The names of a process's threads, as Linux keeps them (15 characters at most). */
    private static List<String> threads(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.map(task -> {
                        try {
                            return Files.readString(task.resolve("comm")).strip();
                        } catch (IOException e) {
                            return "";
                        }
                    })
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
