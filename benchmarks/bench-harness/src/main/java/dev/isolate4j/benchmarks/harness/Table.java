package dev.isolate4j.benchmarks.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/** The harness's one table: a row per metric, a column per contender. */
public final class Table {

    /** The measured columns. */
    public enum Column {
        ISOLATE4J("isolate4j"),
        JDK("raw JDK UDS"),
        JNR("jnr UDS"),
        RMI("Java RMI");

        final String title;

        Column(String title) {
            this.title = title;
        }
    }

    /**
     * One metric.
     *
     * @param expected the columns this metric has by design; each must hold a finite positive number
     * @param pyisolate pyisolate's figure from SPEC.md, a fixed reference ("" where there is none)
     * @param target the target from SPEC.md, as text
     * @param meets whether the isolate4j figure meets the target, given the row; null: no target
     */
    public record Row(
            String metric,
            List<Column> expected,
            Map<Column, Double> values,
            String pyisolate,
            String target,
            Check meets) {

        public Double value(Column column) {
            return values.get(column);
        }
    }

    /** Judges a row against its target. */
    public interface Check {
        boolean test(Row row);

        static Check isolate4j(DoublePredicate predicate) {
            return row -> predicate.test(row.value(Column.ISOLATE4J));
        }
    }

    private final List<Row> rows = new ArrayList<>();
    /** Lines printed under the table: what explains a row in this run. */
    private final List<String> notes = new ArrayList<>();

    /** Adds a row; fill its values with {@link #put}. */
    Row row(String metric, List<Column> expected, String pyisolate, String target, Check meets) {
        Row row = new Row(metric, List.copyOf(expected), new EnumMap<>(Column.class), pyisolate, target, meets);
        rows.add(row);
        return row;
    }

    /** Adds a line to print under the table. */
    void note(String line) {
        notes.add(line);
    }

    static void put(Row row, Column column, double value) {
        row.values().put(column, value);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints the table; the ratio is isolate4j's figure divided by the raw JDK socket's. */
    public void print(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("metric");
        for (Column column : Column.values()) {
            header.add(column.title);
        }
        header.add("isolate4j/JDK");
        header.add("pyisolate (SPEC)");
        header.add("target");
        header.add("met");
        lines.add(header.toArray(String[]::new));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.metric());
            for (Column column : Column.values()) {
                cells.add(format(row.value(column)));
            }
            Double mine = row.value(Column.ISOLATE4J);
            Double jdk = row.value(Column.JDK);
            cells.add(mine != null && jdk != null ? String.format(Locale.ROOT, "%.2fx", mine / jdk) : "-");
            cells.add(row.pyisolate().isEmpty() ? "-" : row.pyisolate());
            cells.add(row.target().isEmpty() ? "-" : row.target());
            cells.add(verdict(row));
            lines.add(cells.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int n = 0; n < lines.size(); n++) {
            String[] line = lines.get(n);
            StringBuilder text = new StringBuilder("| ");
            for (int i = 0; i < line.length; i++) {
                String cell = line[i];
                String pad = " ".repeat(widths[i] - cell.length());
                text.append(i == 0 || i >= line.length - 3 ? cell + pad : pad + cell)
                        .append(" | ");
            }
            out.println(text.toString().stripTrailing());
            if (n == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int width : widths) {
                    rule.append("-".repeat(width + 2)).append('|');
                }
                out.println(rule);
            }
        }
        notes.forEach(out::println);
    }

    private static String verdict(Row row) {
        if (row.meets() == null) {
            return "";
        }
        try {
            return row.meets().test(row) ? "yes" : "NO";
        } catch (RuntimeException e) {
            return "?";
        }
    }

    static String format(Double value) {
        if (value == null) {
            return "-";
        }
        double v = value;
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
