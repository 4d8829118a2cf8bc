package dev.isolate4j.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The host's log, as the test JVM's SLF4J binding (slf4j-simple) writes it to {@code System.err}. */
final class HostLogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    private HostLogCapture() {
        System.setErr(new PrintStream(text, true, StandardCharsets.UTF_8));
    }

    static HostLogCapture start() {
        return new HostLogCapture();
    }

    String text() {
        return text.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
