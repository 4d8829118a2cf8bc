package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.ExtensionConfig;
import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.ExtensionManager;
import dev.isolate4j.ExtensionManagerConfig;
import dev.isolate4j.benchmarks.api.BenchService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Start-up as a host application lives it: one fresh JVM per run, which does what a new user's
 * host does, in that order, without waiting for background work between steps (but for the
 * prestarted child, which a later load finds waiting), each step beside a raw JVM start of the same
 * run.
 *
 * <p>The extension is the benchmark's, isolated, on Guava 19 and an API jar, both in a local
 * repository of the run's own (copied there before the clock starts).
 */
final class StartRows {
    /** The steps, in the user's order, with their targets against the raw start of the run. */
    enum Step {
        RAW("raw JVM start (starts, opens a Unix socket, says so)", ""),
        NEW_MANAGER("new ExtensionManager", ""),
        FIRST_LOAD("first load of a new environment", "<= raw + 300"),
        SECOND_LOAD("second extension, same inputs, at once (prepared)", "<= 1.5x raw"),
        SECOND_CHILD_CPU("  its child's processor time to the first result", ""),
        EIGHT_LOADS("8 loads from 8 threads, all done", "<= 4x one load"),
        CLOSE_TEN("close() with 10 idle extensions", "<= 200"),
        PRESTARTED_LOAD("load taking a prestarted child", "<= 30");

        final String title;
        final String target;

        Step(String title, String target) {
            this.title = title;
            this.target = target;
        }
    }

    private static final String PREFIX = "START-ROW ";
    /** The one-minute load average at the end of a run: other work on the machine skews the run. */
    private static final String LOAD = "LOAD";

    private static final String GUAVA = "com.google.guava:guava:19.0";
    private static final String API = "dev.isolate4j.bench:bench-api:1.0";

    private StartRows() {}

    /** One run, in a JVM of its own: {@code <extension jar> <source local repository> <work directory>}. */
    public static void main(String[] args) throws Exception {
        Path extensionJar = Path.of(args[0]);
        Path work = Path.of(args[2]);
        Path repository = prepareRepository(Path.of(args[1]), work.resolve("repository"));
        Map<Step, Double> figures = new LinkedHashMap<>();
        figures.put(Step.RAW, rawStart(work));

        long start = System.nanoTime();
        ExtensionManager<BenchService> manager =
                new ExtensionManager<>(BenchService.class, managerConfig(work, repository, 0, extensionJar));
        figures.put(Step.NEW_MANAGER, millisSince(start));
        figures.put(Step.FIRST_LOAD, timedLoad(manager, extension("first", extensionJar)));
        long second = System.nanoTime();
        BenchService secondService = manager.loadExtension(extension("second", extensionJar));
        secondService.echo("x");
        figures.put(Step.SECOND_LOAD, millisSince(second));
        // What eight starts at once share two processors for: each child's processor time to here.
        figures.put(
                Step.SECOND_CHILD_CPU,
                ChildJvm.cpuMillis(ExtensionHandle.of(secondService).pid()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        start = System.nanoTime();
        List<Future<Double>> loads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ExtensionConfig config = extension("parallel-" + i, extensionJar);
            loads.add(pool.submit(() -> timedLoad(manager, config)));
        }
        for (Future<Double> load : loads) {
            load.get();
        }
        figures.put(Step.EIGHT_LOADS, millisSince(start));
        pool.shutdown();
        start = System.nanoTime();
        manager.close();
        figures.put(Step.CLOSE_TEN, millisSince(start));

        try (ExtensionManager<BenchService> prestarted =
                new ExtensionManager<>(BenchService.class, managerConfig(work, repository, 1, extensionJar))) {
            // The host does other things before its next load; the child starts meanwhile.
            Thread.sleep(2_000);
            figures.put(Step.PRESTARTED_LOAD, timedLoad(prestarted, extension("later", extensionJar)));
        }
        figures.forEach((step, millis) -> System.out.println(PREFIX + step.name() + " " + millis));
        System.out.println(PREFIX + LOAD + " " + loadAverage());
        System.exit(0);
    }

    /**
     * The run's manager; {@code prestarted} children like the run's extensions, whose JVM is the
     * harness's child JDK's, which need not be the host's.
     */
    private static ExtensionManagerConfig managerConfig(Path work, Path repository, int prestarted, Path extensionJar) {
        return ExtensionManagerConfig.builder()
                .envRootPath(work.resolve("env"))
                .localRepository(repository)
                .prestartedChildren(prestarted, extension("like", extensionJar))
                .build();
    }

    private static ExtensionConfig extension(String name, Path extensionJar) {
        return ExtensionConfig.builder(name)
                .modulePath(extensionJar)
                .isolated(true)
                .dependencies(GUAVA, API)
                .javaHome(Harness.childJavaHome())
                .build();
    }

    /** Loads an extension and calls it once: the start as a user sees it. */
    private static double timedLoad(ExtensionManager<BenchService> manager, ExtensionConfig config) {
        long start = System.nanoTime();
        manager.loadExtension(config).echo("x");
        return millisSince(start);
    }

    /** The median of three raw JVM starts, from launching the JVM to its word on the socket. */
    private static double rawStart(Path work) throws Exception {
        Path classes = Path.of(RawStart.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path socket = work.resolve("raw-" + i + ".sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                long start = System.nanoTime();
                Process process = new ProcessBuilder(
                                Harness.childJavaHome().resolve("bin/java").toString(),
                                "-cp",
                                classes.toString(),
                                RawStart.class.getName(),
                                socket.toString())
                        .inheritIO()
                        .start();
                try (SocketChannel channel = server.accept()) {
                    channel.read(ByteBuffer.allocate(2));
                }
                starts.add(millisSince(start));
                process.waitFor();
            }
        }
        return Stats.median(starts.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A local repository holding Guava 19 (and its parents) and the benchmark's API as {@value #API}. */
    private static Path prepareRepository(Path source, Path repository) throws Exception {
        for (String file : List.of(
                "com/google/guava/guava/19.0/guava-19.0.jar",
                "com/google/guava/guava/19.0/guava-19.0.pom",
                "com/google/guava/guava-parent/19.0/guava-parent-19.0.pom",
                "org/sonatype/oss/oss-parent/7/oss-parent-7.pom")) {
            Path target = repository.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(source.resolve(file), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path api = Files.createDirectories(repository.resolve("dev/isolate4j/bench/bench-api/1.0"));
        writeJar(
                Path.of(BenchService.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()
                        .getPath()),
                api.resolve("bench-api-1.0.jar"));
        Files.writeString(
                api.resolve("bench-api-1.0.pom"),
                "<project><modelVersion>4.0.0</modelVersion><groupId>dev.isolate4j.bench</groupId>"
                        + "<artifactId>bench-api</artifactId><version>1.0</version></project>\n");
        return repository;
    }

    /** The API's jar, or a jar of its classes directory. */
    private static void writeJar(Path location, Path jar) throws IOException {
        if (Files.isRegularFile(location)) {
            Files.copy(location, jar, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(
                        new JarEntry(location.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Runs {@code runs} runs, each in a fresh JVM, and prints their table to {@code out}. */
    static void runAndPrint(int runs, Path extensionJar, PrintStream log, PrintStream out) throws Exception {
        List<Map<Step, Double>> all = new ArrayList<>();
        List<String> loads = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            log.println("[bench] start-up run " + (i + 1) + " of " + runs + " ...");
            all.add(runOnce(extensionJar, loads));
        }
        print(all, out);
        out.println("load average (1 min) at the end of each run: " + String.join(", ", loads));
    }

    private static Map<Step, Double> runOnce(Path extensionJar, List<String> loads) throws Exception {
        Path work = Files.createTempDirectory("isolate4j-start");
        String source = System.getProperty(
                "isolate4j.bench.localRepository", System.getProperty("user.home") + "/.m2/repository");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "-Disolate4j.bench.childJavaHome=" + Harness.childJavaHome(),
                "-cp",
                System.getProperty("java.class.path"),
                StartRows.class.getName(),
                extensionJar.toString(),
                source,
                work.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<Step, Double> figures = new LinkedHashMap<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(PREFIX + LOAD)) {
                    loads.add(line.substring((PREFIX + LOAD).length()).trim());
                } else if (line.startsWith(PREFIX)) {
                    String[] parts = line.substring(PREFIX.length()).split(" ");
                    figures.put(Step.valueOf(parts[0]), Double.parseDouble(parts[1]));
                } else if (line.contains("WARN") || line.contains("ERROR") || line.contains("Exception")) {
                    System.err.println("[start-up] " + line);
                }
            }
        }
        process.waitFor();
        log(figures);
        // The JVM that dumps the run's class-data archive may still write there: removed on a best-effort basis.
        try {
            Harness.deleteRecursively(work);
        } catch (IOException e) {
            System.err.println("[start-up] left " + work + ": " + e);
        }
        return figures;
    }

    private static void log(Map<Step, Double> figures) {
        StringBuilder line = new StringBuilder("[start-up]");
        figures.forEach((step, millis) -> line.append(String.format(Locale.ROOT, " %s=%.0f", step, millis)));
        System.err.println(line);
    }

    /** One row per step: each run's figure, its ratio to that run's raw start, the target, met or not. */
    static void print(List<Map<Step, Double>> runs, PrintStream out) {
        out.println();
        out.println("start-up in the user's sequence, " + runs.size() + " runs, each in a fresh host JVM (ms;"
                + " x = ratio to the raw JVM start of the same run; one = the second load of the run)");
        out.printf(Locale.ROOT, "%-52s | %-56s | %-16s | %s%n", "step", "runs", "target", "met");
        for (Step step : Step.values()) {
            List<String> cells = new ArrayList<>();
            int met = 0;
            for (Map<Step, Double> run : runs) {
                double value = run.getOrDefault(step, Double.NaN);
                double raw = run.getOrDefault(Step.RAW, Double.NaN);
                double one = run.getOrDefault(Step.SECOND_LOAD, Double.NaN);
                cells.add(
                        switch (step) {
                            case RAW, CLOSE_TEN, PRESTARTED_LOAD, SECOND_CHILD_CPU ->
                                String.format(Locale.ROOT, "%.0f", value);
                            case EIGHT_LOADS -> String.format(Locale.ROOT, "%.0f (%.1fx one)", value, value / one);
                            case FIRST_LOAD -> String.format(Locale.ROOT, "%.0f (raw%+.0f)", value, value - raw);
                            default -> String.format(Locale.ROOT, "%.0f (%.2fx)", value, value / raw);
                        });
                if (meets(step, run)) {
                    met++;
                }
            }
            String verdict =
                    step.target.isEmpty() ? "" : met == runs.size() ? "yes" : "MISSED in " + (runs.size() - met);
            out.printf(
                    Locale.ROOT,
                    "%-52s | %-56s | %-16s | %s%n",
                    step.title,
                    String.join(", ", cells),
                    step.target,
                    verdict);
        }
    }

    private static boolean meets(Step step, Map<Step, Double> run) {
        double value = run.getOrDefault(step, Double.NaN);
        double raw = run.getOrDefault(Step.RAW, Double.NaN);
        return switch (step) {
            case FIRST_LOAD -> value <= raw + 300;
            case SECOND_LOAD -> value <= 1.5 * raw;
            case EIGHT_LOADS -> value <= 4 * run.getOrDefault(Step.SECOND_LOAD, Double.NaN);
            case CLOSE_TEN -> value <= 200;
            case PRESTARTED_LOAD -> value <= 30;
            default -> true;
        };
    }
}
