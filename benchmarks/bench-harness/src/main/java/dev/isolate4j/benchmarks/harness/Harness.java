package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.benchmarks.harness.Table.Check;
import dev.isolate4j.benchmarks.harness.Table.Column;
import dev.isolate4j.benchmarks.harness.Table.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The side-by-side harness: isolate4j and its baselines (raw JDK Unix domain sockets, jnr-unixsocket,
 * Java RMI), each between two JVMs, measured in one run and printed as one table.
 *
 * <pre>
 * java [-Disolate4j.bench.childJavaHome=&lt;JDK&gt;] -cp ... dev.isolate4j.benchmarks.harness.Harness \
 *     &lt;bench-extension.jar&gt; [full|quick]
 * </pre>
 *
 * <p>The host is the JVM that runs this class; every child, isolate4j's and the baselines', runs on
 * the JDK that {@code isolate4j.bench.childJavaHome} names, by default the host's.
 */
public final class Harness {
    /** The small call's argument and result. */
    static final String SMALL_STRING = "isolate4j-bench!";

    private static final List<Column> ALL = List.of(Column.values());
    /** Runs of the start-up rows: the README reports their range. */
    private static final int START_RUNS = 3;

    private static final List<Column> MINE = List.of(Column.ISOLATE4J);
    private static final List<Column> NO_JNR = List.of(Column.ISOLATE4J, Column.JDK, Column.RMI);
    private static final List<Column> MINE_RMI = List.of(Column.ISOLATE4J, Column.RMI);
    private static final List<Column> MINE_JDK = List.of(Column.ISOLATE4J, Column.JDK);

    private Harness() {}

    /** The JDK of every child JVM: {@code isolate4j.bench.childJavaHome}, or this JVM's when it is unset or empty. */
    static Path childJavaHome() {
        String home = System.getProperty("isolate4j.bench.childJavaHome", "");
        return Path.of(home.isBlank() ? System.getProperty("java.home") : home);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Harness <bench-extension.jar> [full|quick|calls|calls-both|start|memory]");
            System.exit(2);
        }
        if (args.length > 1 && args[1].equals("start")) {
            // The start-up rows alone, in the user's sequence, each run in a fresh host JVM.
            String before = loadAverage();
            StartRows.runAndPrint(START_RUNS, Path.of(args[0]), System.err, System.out);
            System.out.println("load average before / after: " + before + " / " + loadAverage());
            System.exit(0);
        }
        if (args.length > 1 && args[1].equals("memory")) {
            memoryRows(Path.of(args[0]));
            System.exit(0);
        }
        String mode = args.length > 1 ? args[1] : "full";
        Settings settings = switch (mode) {
            case "quick" -> Settings.quick();
            // The call rows alone: on this JDK, or ("calls-both") on the second JDK too.
            case "calls", "calls-both" -> Settings.full().forCallsOnly();
            case "quick-calls" -> Settings.quick().forCallsOnly();
            default -> Settings.full();
        };
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        Table table = run(settings, Path.of(args[0]), System.err);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "isolate4j side-by-side benchmark (%s mode, %.0f s; %d CPUs; host %s %s; children on %s)%n",
                settings.name(),
                (System.nanoTime() - start) / 1e9,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                childJavaHome());
        table.print(System.out);
        if (settings.name().equals("full")) {
            StartRows.runAndPrint(START_RUNS, Path.of(args[0]), System.err, System.out);
        }
        System.out.println("load average before / after: " + loadBefore + " / " + loadAverage()
                + " (other processes on the machine skew every column)");
        System.out.println("ratio = isolate4j / raw JDK UDS. Raw sockets: 64 B ping-pong (p50/p99/mean), 64 in"
                + " flight kept by one writer thread and one reader thread; 'double[]' = the 800,000 raw bytes there, 8 back."
                + " RMI: 64 threads for 'in flight'. Stream chunks: raw JDK = its byte[] round trip."
                + " Starts: JVM launch to first reply;"
                + " isolate4j: loadExtension to first result, default config (sandbox AUTO) unless noted.");
        System.out.flush();
        breakdownOnThisJdk(args[0], settings);
        if (!settings.callsOnly() || mode.equals("calls-both")) {
            onSecondJdk(args[0], settings.name().equals("quick") ? "quick-calls" : "calls", "call rows");
        }
        if (settings.name().equals("full")) {
            // The RSS rows with children on the second JDK too: its children's floor differs.
            onSecondJdk(args[0], "memory", "memory rows");
            // And the start-up rows: a JDK's starts and exits differ (JDK 25 children once took
            // 350-430 ms to close ten, where JDK 17's took 90-150).
            onSecondJdk(args[0], "start", "start-up rows");
        }
        System.exit(0); // the harness's own JVM may hold RMI's non-daemon threads
    }

    /**
     * Measures the rows of {@code mode} again with host and children on the JDK whose {@code java}
     * the property {@code isolate4j.bench.secondJava} names, in a harness JVM of its own that prints
     * them here: each contender on both JDKs in one run. Skipped, saying so, where that JDK is absent
     * or is this one.
     */
    private static void onSecondJdk(String extensionJar, String mode, String what) throws Exception {
        String property = System.getProperty("isolate4j.bench.secondJava", "");
        if (property.isBlank()) {
            return;
        }
        Path java = Path.of(property);
        Path home = java.toAbsolutePath().getParent().getParent();
        if (!Files.isExecutable(java)) {
            System.out.println("(no second JDK at " + java + ": its " + what + " are not measured)");
            return;
        }
        if (Files.isSameFile(home, Path.of(System.getProperty("java.home")))) {
            return;
        }
        System.err.println("[bench] " + what + " on " + home + " ...");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // The option the README asks of a host on JDK 25 whose calls carry values through Fory.
        command.add("--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
        command.addAll(jnrOptions(home));
        command.addAll(List.of(
                "-Disolate4j.bench.childJavaHome=" + home,
                "-Disolate4j.bench.localRepository="
                        + System.getProperty(
                                "isolate4j.bench.localRepository", System.getProperty("user.home") + "/.m2/repository"),
                "-cp",
                System.getProperty("java.class.path"),
                Harness.class.getName(),
                extensionJar,
                mode));
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            System.out.println("(the " + what + " on " + home + " failed: exit status " + status + ")");
        }
    }

    /**
     * The options a JVM of the JDK at {@code home} needs for the jnr baseline's own use of {@code
     * sun.misc.Unsafe} and {@code System.load}, which JDK 24 and later warn about: warnings of the
     * harness's, not isolate4j's. None before 23, which would refuse them.
     */
    static List<String> jnrOptions(Path home) {
        return featureVersion(home) >= 23
                ? List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED")
                : List.of();
    }

    /** The feature version of the JDK at {@code home}, from its {@code release} file; 0 when unknown. */
    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /**
     * Prints where a small call's time goes, host and child on this JVM's JDK, from a JVM of its own
     * that stamps each stage ({@link PingPong}, {@link Breakdown}): the stamps would cost the other
     * rows a little. The full modes only.
     */
    private static void breakdownOnThisJdk(String extensionJar, Settings settings) throws Exception {
        if (settings.name().startsWith("quick")) {
            return;
        }
        System.err.println("[bench] small-call breakdown ...");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "-Disolate4j.callTiming=true",
                "-Disolate4j.bench.childJavaHome=" + childJavaHome(),
                "-cp",
                System.getProperty("java.class.path"),
                PingPong.class.getName(),
                extensionJar,
                "breakdown");
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
            System.out.println("(the breakdown failed: exit status " + status + ")");
        }
    }

    /**
     * The isolate4j child's day of the full mode (its starts, call rows, streams and shared buffer),
     * then its RSS rows, without the baselines, the start-up rows or the second JDK: a third of a full
     * run, for comparing ways of keeping a child small. Its figures are the full mode's RSS rows.
     */
    private static void memoryRows(Path extensionJar) throws Exception {
        Path work = Files.createTempDirectory("isolate4j-bench");
        try {
            Settings settings = Settings.full();
            Isolate4jBench.Figures mine = Isolate4jBench.run(settings, extensionJar, work.resolve("env"));
            System.out.printf(
                    Locale.ROOT,
                    "memory (children on %s): child RSS after the call rows %.1f MiB, %.0f s later %.1f MiB;"
                            + " a child that did nothing %.1f MiB%n",
                    childJavaHome(),
                    mine.rssAfterWorkMiB,
                    settings.idleAfterWorkSeconds(),
                    mine.rssIdleAfterWorkMiB,
                    mine.idleRssMiB);
            System.out.println(mine.residentNote(settings));
        } finally {
            deleteRecursively(work);
        }
    }

    /** Runs every measurement and returns the table; {@code log} gets progress lines. */
    public static Table run(Settings settings, Path extensionJar, PrintStream log) throws Exception {
        if (!Files.isRegularFile(extensionJar)) {
            throw new IllegalArgumentException("no extension jar at " + extensionJar);
        }
        Path work = Files.createTempDirectory("isolate4j-bench");
        try {
            // isolate4j first, so that its cold start is the first load in this JVM.
            log.println("[bench] isolate4j ...");
            Isolate4jBench.Figures mine = Isolate4jBench.run(settings, extensionJar, work.resolve("env"));
            log.println("[bench] raw JDK sockets ...");
            Baselines.Figures jdk = Baselines.socket("jdk", settings, work);
            // The small call's and the large array's ratios compare rounds of the same minutes.
            mine.paired.replaceRaw(jdk);
            log.println("[bench] jnr-unixsocket ...");
            Baselines.Figures jnr = Baselines.socket("jnr", settings, work);
            log.println("[bench] Java RMI ...");
            Baselines.Figures rmi = Baselines.rmi(settings);
            return table(settings, mine, jdk, jnr, rmi);
        } finally {
            deleteRecursively(work);
        }
    }

    private static Table table(
            Settings settings,
            Isolate4jBench.Figures mine,
            Baselines.Figures jdk,
            Baselines.Figures jnr,
            Baselines.Figures rmi) {
        Table table = new Table();
        List<Baselines.Figures> all = List.of(mine, jdk, jnr, rmi);
        Check p50Target = row -> row.value(Column.ISOLATE4J) <= row.value(Column.JDK);
        fill(table.row("small call p50 (µs)", ALL, "600-750", "<= raw JDK", p50Target), all, f -> f.small.p50Micros());
        fill(
                table.row(
                        "small call p99 (µs)",
                        ALL,
                        "",
                        "<= 2x raw JDK",
                        row -> row.value(Column.ISOLATE4J) <= 2 * row.value(Column.JDK)),
                all,
                f -> f.small.p99Micros());
        fill(table.row("small call mean (µs)", ALL, "", "", null), all, f -> f.small.meanMicros());
        // Against the raw socket's blocking ping-pong: an awaited future is still one round trip.
        Row async = table.row(
                "small async call awaited p50 (µs)",
                MINE_JDK,
                "",
                "<= 1.2x raw JDK p50",
                row -> row.value(Column.ISOLATE4J) <= 1.2 * row.value(Column.JDK));
        Table.put(async, Column.ISOLATE4J, mine.asyncSmall.p50Micros());
        Table.put(async, Column.JDK, jdk.small.p50Micros());
        Row asyncP99 = table.row("small async call awaited p99 (µs)", MINE_JDK, "", "", null);
        Table.put(asyncP99, Column.ISOLATE4J, mine.asyncSmall.p99Micros());
        Table.put(asyncP99, Column.JDK, jdk.small.p99Micros());
        if (!settings.callsOnly()) {
            Table.put(
                    table.row("small call p50, one interceptor installed (µs)", MINE, "", "", null),
                    Column.ISOLATE4J,
                    mine.interceptedSmall.p50Micros());
            Table.put(
                    table.row("small call p99, one interceptor installed (µs)", MINE, "", "", null),
                    Column.ISOLATE4J,
                    mine.interceptedSmall.p99Micros());
        }
        fill(
                table.row(
                        settings.inFlight() + " calls in flight (calls/s)",
                        ALL,
                        "~3,000",
                        ">= 0.9x raw JDK",
                        row -> row.value(Column.ISOLATE4J) >= 0.9 * row.value(Column.JDK)),
                all,
                f -> f.callsPerSecond);
        String doubles = String.format(Locale.ROOT, "%,d", settings.doubles());
        fill(
                table.row(
                        "mean of " + doubles + " double[] (ms/call)",
                        NO_JNR,
                        "~300",
                        "<= 2",
                        Check.isolate4j(v -> v <= 2)),
                List.of(mine, jdk, rmi),
                List.of(Column.ISOLATE4J, Column.JDK, Column.RMI),
                f -> f.doubleArrayMillis);
        fill(
                table.row(
                        "mean of " + doubles + " List<Double> (ms/call)",
                        MINE_RMI,
                        "~300",
                        "<= 2",
                        Check.isolate4j(v -> v <= 2)),
                List.of(mine, rmi),
                List.of(Column.ISOLATE4J, Column.RMI),
                f -> f.doubleListMillis);
        fill(
                table.row(
                        mib(settings.bigBytes()) + " byte[] round trip (MB/s)",
                        ALL,
                        "",
                        ">= 0.8x raw JDK",
                        row -> row.value(Column.ISOLATE4J) >= 0.8 * row.value(Column.JDK)),
                all,
                f -> f.bigMBps);
        if (mine.paired.bigCalls != null) {
            table.note(mine.paired.bigCalls.describe(mib(settings.bigBytes())));
        }
        if (!settings.callsOnly()) {
            otherRows(table, settings, mine, jdk, all);
        }
        return table;
    }

    /** The stream, shared-buffer, start and memory rows. */
    private static void otherRows(
            Table table,
            Settings settings,
            Isolate4jBench.Figures mine,
            Baselines.Figures jdk,
            List<Baselines.Figures> all) {
        Row tokens = table.row(
                "small records through one stream (items/s)",
                MINE,
                "",
                ">= 1,000,000",
                Check.isolate4j(v -> v >= 1_000_000));
        Table.put(tokens, Column.ISOLATE4J, mine.streamTokensPerSecond);
        // Beside the raw socket's large round trip of the same run: what the machine's sockets carry now.
        Row chunks = table.row("64 KiB byte[] chunks through one stream (MB/s)", MINE_JDK, "", "", null);
        Table.put(chunks, Column.ISOLATE4J, mine.streamChunkMBps);
        Table.put(chunks, Column.JDK, jdk.bigMBps);
        Row shared = table.row(
                mib(settings.sharedBytes()) + " SharedBuffer pass (µs)",
                MINE,
                "",
                "< 200",
                Check.isolate4j(v -> v < 200));
        Table.put(shared, Column.ISOLATE4J, mine.sharedMicros);
        // Each contender's start, without a target: SPEC.md's start-up targets are StartRows', taken in
        // a host's own sequence and never after waiting for the class-data archive, as these rows do.
        fill(table.row("cold start to first result (ms)", ALL, "~130", "", null), all, f -> f.startColdMillis);
        fill(table.row("warm start to first result (ms)", ALL, "~130", "", null), all, f -> f.startWarmMillis);
        Row leanStart = table.row("warm start, lean child flags (ms)", MINE, "", "", null);
        Table.put(leanStart, Column.ISOLATE4J, mine.leanWarmStartMillis);
        Row unsandboxed = table.row("warm start, sandbox disabled (ms)", MINE, "", "", null);
        Table.put(unsandboxed, Column.ISOLATE4J, mine.unsandboxedWarmStartMillis);
        Row noArchive = table.row("warm start, no class-data archive (ms)", MINE, "", "", null);
        Table.put(noArchive, Column.ISOLATE4J, mine.noArchiveWarmStartMillis);
        fill(
                table.row(
                        "RSS of a child that did nothing (MiB)", ALL, "28-40", "<= 60", Check.isolate4j(v -> v <= 60)),
                all,
                f -> f.idleRssMiB);
        String idle = String.format(Locale.ROOT, "%.0f s", settings.idleAfterWorkSeconds());
        // The raw socket's server did the same rows: what a JVM that holds nothing keeps.
        fill(
                table.row("child RSS after the call rows (MiB)", MINE_JDK, "", "", null),
                List.of(mine, jdk),
                MINE_JDK,
                f -> f.rssAfterWorkMiB);
        fill(
                table.row(
                        "child RSS " + idle + " after the call rows (MiB)",
                        MINE_JDK,
                        "",
                        "<= 60",
                        Check.isolate4j(v -> v <= 60)),
                List.of(mine, jdk),
                MINE_JDK,
                f -> f.rssIdleAfterWorkMiB);
        Row leanRss = table.row(
                "RSS of a child that did nothing, lean flags (MiB)",
                MINE,
                "28-40",
                "<= 60",
                Check.isolate4j(v -> v <= 60));
        Table.put(leanRss, Column.ISOLATE4J, mine.leanIdleRssMiB);
        table.note(mine.residentNote(settings));
    }

    private interface Metric {
        double of(Baselines.Figures figures);
    }

    private static void fill(Row row, List<Baselines.Figures> figures, Metric metric) {
        fill(row, figures, ALL, metric);
    }

    private static void fill(Row row, List<Baselines.Figures> figures, List<Column> columns, Metric metric) {
        for (int i = 0; i < columns.size(); i++) {
            double value;
            try {
                value = metric.of(figures.get(i));
            } catch (RuntimeException e) {
                value = Double.NaN;
            }
            Table.put(row, columns.get(i), value);
        }
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    /** Milliseconds per call of {@code calls} calls, after {@code warmup} calls. */
    static double millisPerCall(int warmup, int calls, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1e6 / calls;
    }

    /** Milliseconds per call of {@code calls} calls, after calling for {@code warmupSeconds}. */
    static double millisPerCallWarmedFor(double warmupSeconds, int calls, Call call) throws Exception {
        warmUp(warmupSeconds, call);
        return millisPerCall(0, calls, call);
    }

    /** Calls {@code call} for {@code seconds}. */
    static void warmUp(double seconds, Call call) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            call.run();
        } while (System.nanoTime() - end < 0);
    }

    /** One measured call. */
    interface Call {
        Object run() throws Exception;
    }

    static double[] doubles(int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i * 0.5;
        }
        return values;
    }

    static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double value : values) {
            list.add(value);
        }
        return list;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
