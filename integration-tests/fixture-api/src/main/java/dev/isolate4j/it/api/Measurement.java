package dev.isolate4j.it.api;

/** An application record that crosses the boundary: it is registered through the descriptor. */
public record Measurement(int count, double mean, Unit unit) {
    /** An application enum that crosses the boundary. */
    public enum Unit {
        NONE,
        METRES
    }
}
