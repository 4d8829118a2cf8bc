package dev.isolate4j.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A baseline server in a JVM of its own, on the harness's class path and the children's JDK
 * ({@link Harness#childJavaHome()}): started, timed until it prints {@code READY}, measured (RSS),
 * stopped by closing its stdin.
 */
final class ChildJvm implements AutoCloseable {
    private static final String READY = "READY";

    private final Process process;
    private final String readyPayload;
    private final long startNanos;

    private ChildJvm(Process process, String readyPayload, long startNanos) {
        this.process = process;
        this.readyPayload = readyPayload;
        this.startNanos = startNanos;
    }

    static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Harness.childJavaHome().resolve("bin").resolve("java").toString());
        command.addAll(Harness.jnrOptions(Harness.childJavaHome()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(READY)) {
                Thread drain = new Thread(() -> drain(out), "drain-" + mainClass.getSimpleName());
                drain.setDaemon(true);
                drain.start();
                return new ChildJvm(process, line.substring(READY.length()).trim(), start);
            }
            System.err.println("[" + mainClass.getSimpleName() + "] " + line);
        }
        process.destroyForcibly();
        throw new IOException(mainClass.getSimpleName() + " exited before it was ready");
    }

    String readyPayload() {
        return readyPayload;
    }

    /** Milliseconds since this JVM was started. */
    double millisSinceStart() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** VmRSS of a process in MiB, from /proc; NaN where there is no /proc. */
    /**
     * The processor time, user and system, that process {@code pid} has used so far, in ms; NaN
     * where it cannot be read. Linux counts it in clock ticks of 10 ms ({@code CLK_TCK} is 100).
     */
    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // After the command's name, which may hold spaces: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the processor time of pid " + pid + ": " + e);
            return Double.NaN;
        }
    }

    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the RSS of pid " + pid + ": " + e);
        }
        return Double.NaN;
    }

    /** In a child: tells the harness it is ready. */
    static void ready(String payload) {
        System.out.println(READY + " " + payload);
        System.out.flush();
    }

    /** In a child: exits when the harness closes stdin or dies. */
    static void exitWhenParentGone() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // nothing is ever written
                        }
                    } catch (IOException ignored) {
                        // same as end of file
                    }
                    Runtime.getRuntime().halt(0);
                },
                "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void drain(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                System.err.println("[child] " + line);
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }
}
