package dev.isolate4j.internal.process;

import dev.isolate4j.internal.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * Copies one output stream of a child to the host's log, line by line, tagged with the extension's
 * name, and keeps its last lines for error messages. Lines and the kept tail are bounded, so a
 * child that floods its output cannot grow the host's memory: a line of 50 MiB costs the pump
 * {@link #MAX_LINE_BYTES}, not the line (see {@link LineReader}).
 *
 * <p>A prestarted child's pumps run from its start, tagged as the prestarted child's, and are
 * handed to the extension that takes it ({@link #adopt}): a child whose output nobody read would
 * block once it filled the pipe (64 KiB), in its JVM's own logging too.
 */
final class OutputPump {
    private static final int TAIL_LINES = 20;
    /** Bytes of a line kept; the rest of a longer line is read and dropped, never held. */
    static final int MAX_LINE_BYTES = 4_096;

    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;
    /** Whose lines these are, in whose logger: changes once, when a load takes a prestarted child. */
    private volatile Owner owner;

    private record Owner(Logger log, String extensionName) {}

    private OutputPump(String threadName, InputStream stream, Logger log, String extensionName, String streamName) {
        this.owner = new Owner(log, extensionName);
        this.thread = DaemonThreads.start(threadName, () -> pump(stream, streamName));
    }

    static OutputPump start(InputStream stream, Logger log, String extensionName, String streamName) {
        return new OutputPump("isolate4j-" + extensionName + "-" + streamName, stream, log, extensionName, streamName);
    }

    /** A child's two pumps. */
    record Pair(OutputPump stdout, OutputPump stderr) {
        /** Starts pumps for {@code process}'s stdout and stderr, tagged {@code name}. */
        static Pair start(Process process, Logger log, String name) {
            return new Pair(
                    OutputPump.start(process.getInputStream(), log, name, "stdout"),
                    OutputPump.start(process.getErrorStream(), log, name, "stderr"));
        }

        void adopt(Logger log, String name) {
            stdout.adopt(log, name);
            stderr.adopt(log, name);
        }
    }

    /** Tags the lines read from now on as {@code extensionName}'s, logged to {@code log}. */
    void adopt(Logger log, String extensionName) {
        owner = new Owner(log, extensionName);
    }

    /** The last lines read, oldest first. */
    List<String> tail() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    /** Waits a little for the stream to end, so that the tail holds the child's last words. */
    void awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(InputStream stream, String streamName) {
        LineReader lines = new LineReader(stream, MAX_LINE_BYTES);
        try (stream) {
            String line;
            while ((line = lines.next()) != null) {
                remember(line);
                Owner current = owner;
                current.log().info("[{}:{}] {}", current.extensionName(), streamName, line);
            }
        } catch (IOException e) {
            Owner current = owner;
            current.log().debug("[{}:{}] stream closed", current.extensionName(), streamName, e);
        }
    }

    private void remember(String line) {
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }
}
