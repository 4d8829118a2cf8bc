package dev.isolate4j.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A host program ({@link HostMain}, {@link PreparingHost}, {@link QuietHost}) running in a JVM of
 * its own, on the test's class path. Its stdout and stderr are collected line by line, merged, or
 * stderr apart ({@link #startOn}); every wait is bounded; {@link #close()} kills it and whatever it
 * started.
 */
final class HostJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>(); // guarded by itself
    private final List<String> errorLines = new ArrayList<>(); // guarded by itself
    private final Thread reader;
    private final Thread errorReader;

    private HostJvm(Process process, boolean stderrApart) {
        this.process = process;
        this.reader =
                new Thread(() -> collect(process.getInputStream(), lines), "host-jvm-" + process.pid() + "-output");
        reader.setDaemon(true);
        reader.start();
        this.errorReader = stderrApart
                ? new Thread(
                        () -> collect(process.getErrorStream(), errorLines), "host-jvm-" + process.pid() + "-errors")
                : null;
        if (errorReader != null) {
            errorReader.setDaemon(true);
            errorReader.start();
        }
    }

    /** Starts {@code HostMain <mode> <fixture jar> <envRoot>}, with {@code jvmArgs} for the host. */
    static HostJvm start(String mode, Path envRoot, List<String> jvmArgs) throws IOException {
        return startMain(
                HostMain.class,
                jvmArgs,
                List.of(
                        mode,
                        Fixtures.extensionJar().toAbsolutePath().toString(),
                        envRoot.toAbsolutePath().toString()));
    }

    /** Starts {@code main} with {@code args}, with {@code jvmArgs} for its JVM. */
    static HostJvm startMain(Class<?> main, List<String> jvmArgs, List<String> args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return new HostJvm(builder.start(), false);
    }

    /**
     * Starts {@code main} with {@code args} on the JDK in {@code javaHome} and {@code classPath}, with
     * {@code jvmArgs} and no others, as an application starts; its stderr is kept apart ({@link
     * #errorLines()}).
     */
    static HostJvm startOn(Path javaHome, String classPath, Class<?> main, List<String> jvmArgs, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(args);
        return new HostJvm(new ProcessBuilder(command).start(), true);
    }

    /** Writes {@code line} to the host's stdin. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    Process process() {
        return process;
    }

    /** The first line of output that matches {@code wanted}, waiting up to {@code timeout} for it. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!reader.isAlive() && !process.isAlive())) {
                    throw new AssertionError("the host JVM did not print the expected line within " + timeout
                            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                            + "; its output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits up to {@code timeout} for the host to exit and its output to end; returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the host JVM did not exit within " + timeout + "; its output:\n" + output());
        }
        reader.join(timeout.toMillis());
        if (errorReader != null) {
            errorReader.join(timeout.toMillis());
        }
        return process.exitValue();
    }

    /** Everything the host printed so far, one line per element. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    /** What the host wrote to its stderr so far, when started by {@link #startOn}. */
    List<String> errorLines() {
        synchronized (errorLines) {
            return List.copyOf(errorLines);
        }
    }

    /** Kills the host, and what it started, if they still run. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        descendants.forEach(ChildProcesses::killQuietly);
    }

    private static void collect(InputStream stream, List<String> into) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (into) {
                    into.add(line);
                    into.notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closed: the host is gone
        } finally {
            synchronized (into) {
                into.notifyAll();
            }
        }
    }
}
