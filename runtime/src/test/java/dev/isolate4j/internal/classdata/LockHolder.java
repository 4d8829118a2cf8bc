package dev.isolate4j.internal.classdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Another process that holds a recording's lock: prints {@code LOCKED} once it holds it, and exits
 * when its stdin ends (the test's JVM is gone) or when it is killed.
 */
public final class LockHolder {
    static final String LOCKED = "LOCKED";

    private LockHolder() {}

    public static void main(String[] args) throws IOException {
        Optional<RecordingLock> lock = RecordingLock.tryAcquire(Path.of(args[0]));
        System.out.println(lock.isPresent() ? LOCKED : "NOT LOCKED");
        System.out.flush();
        while (System.in.read() >= 0) {
            // holds the lock until killed
        }
    }

    /** Starts a holder of {@code lock} and returns once it holds it. */
    static Process start(Path lock) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        lock.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!LOCKED.equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("the lock holder said " + line);
        }
        return process;
    }
}
