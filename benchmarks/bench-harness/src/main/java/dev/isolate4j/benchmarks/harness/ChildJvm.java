package dev.isolate4j.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A baseline server or client in a JVM of its own, on the harness's class path and the children's
 * JDK ({@link Harness#childJavaHome()}): started, timed until it prints {@code READY}, measured
 * (RSS), asked to time rounds ({@link RawClient}), stopped by closing its stdin.
 */
final class ChildJvm implements AutoCloseable {
    private static final String READY = "READY";

    private final Process process;
    private final String readyPayload;
    private final long startNanos;
    /** Its stdout, for {@link #ask}; null when a thread drains it to the harness's stderr. */
    private final BufferedReader answers;

    private ChildJvm(Process process, String readyPayload, long startNanos, BufferedReader answers) {
        this.process = process;
        this.readyPayload = readyPayload;
        this.startNanos = startNanos;
        this.answers = answers;
    }

    /** Starts {@code mainClass}; what it prints after {@code READY} goes to the harness's stderr. */
    static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return start(false, mainClass, args);
    }

    /** Starts {@code mainClass}, which answers each line {@link #ask} writes with a line of its own. */
    static ChildJvm startConversing(Class<?> mainClass, String... args) throws IOException {
        return start(true, mainClass, args);
    }

    private static ChildJvm start(boolean conversing, Class<?> mainClass, String... args) throws IOException {
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
                if (!conversing) {
                    Thread drain = new Thread(() -> drain(out), "drain-" + mainClass.getSimpleName());
                    drain.setDaemon(true);
                    drain.start();
                }
                return new ChildJvm(process, line.substring(READY.length()).trim(), start, conversing ? out : null);
            }
            System.err.println("[" + mainClass.getSimpleName() + "] " + line);
        }
        process.destroyForcibly();
        throw new IOException(mainClass.getSimpleName() + " exited before it was ready");
    }

    /** Writes {@code command} as a line to the JVM's stdin and returns the line it answers. */
    String ask(String command) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String answer = answers.readLine();
        if (answer == null) {
            throw new IOException("the JVM exited before it answered " + command);
        }
        return answer;
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

    /** {@return the minor page faults process {@code pid} has taken so far, or -1 if unreadable} */
    static long minorFaults(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]); // field 10, minflt, counted from the state (field 3)
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot read the page faults of pid " + pid + ": " + e);
            return -1;
        }
    }

    /** VmRSS of a process in MiB, from /proc; NaN where there is no /proc. */
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
