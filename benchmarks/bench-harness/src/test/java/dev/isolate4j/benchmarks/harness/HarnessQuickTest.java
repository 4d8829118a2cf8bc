package dev.isolate4j.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolate4j.benchmarks.harness.Table.Column;
import dev.isolate4j.benchmarks.harness.Table.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the side-by-side harness in its quick mode: tiny iteration counts, smaller sizes. It checks
 * that every row produced a number where it should; it never asserts a timing.
 */
class HarnessQuickTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyCellIsAFinitePositiveNumber() throws Exception {
        Path jar = Path.of(System.getProperty("isolate4j.bench.extensionJar"));

        Table table = Harness.run(Settings.quick(), jar, System.err);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        table.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.out.println(printed.toString(StandardCharsets.UTF_8));
        assertFalse(table.rows().isEmpty());
        List<String> bad = new ArrayList<>();
        for (Row row : table.rows()) {
            for (Column column : row.expected()) {
                Double value = row.value(column);
                if (value == null || !Double.isFinite(value) || value <= 0) {
                    bad.add(row.metric() + " / " + column + " = " + value);
                }
            }
        }
        assertTrue(bad.isEmpty(), "cells without a finite positive number: " + bad);
        // Under the table, the large array's calls one by one and the host's page faults in them.
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(
                text.contains("1 MiB round trips, isolate4j: ") && text.contains("[page faults of the host/the child"),
                "no line on the large array's calls under the table:\n" + text);
        // And where the child's pages were when its RSS was read after the call rows.
        assertTrue(
                text.matches("(?s).*after the call rows, in MiB: libjvm [1-9]\\d*\\.\\d, class-data archive [1-9].*"),
                "no line on where the child's pages are under the table:\n" + text);
    }
}
