package dev.isolate4j.benchmarks.harness;

/**
 * Iteration counts, durations and sizes. {@link #full()} is the real run (a few minutes); {@link #quick()} only
 * proves that every row produces a number, in seconds, with smaller sizes.
 *
 * <p>The doubles rows warm up for {@code doublesWarmupSeconds}, not a count of calls: a
 * {@code List<Double>} call reaches its steady state (compiled boxing loops on both sides) after
 * some 500 calls, 1 s for isolate4j, which RMI, at 15 ms a call, would need minutes for.
 *
 * <p>{@code callsOnly} leaves out the starts, the memory and the stream and shared-buffer rows.
 */
public record Settings(
        String name,
        int smallWarmup,
        int smallCalls,
        double throughputWarmupSeconds,
        double throughputSeconds,
        int inFlight,
        int doubles,
        double doublesWarmupSeconds,
        int doublesCalls,
        int bigBytes,
        int bigWarmup,
        int bigCalls,
        int jnrBigCalls,
        long sharedBytes,
        int sharedWarmup,
        int sharedCalls,
        int warmStarts,
        int baselineStarts,
        boolean awaitArchives,
        double idleAfterWorkSeconds,
        int streamTokens,
        int streamChunks,
        boolean callsOnly) {

    public static Settings full() {
        return new Settings(
                "full", 20_000, 50_000, 2, 5, 64, 100_000, 2, 500, 64 << 20, 3, 10, 2, 1L << 30, 5_000, 5_000, 5, 3,
                true, 30, 3_000_000, 16_384, false);
    }

    public static Settings quick() {
        return new Settings(
                "quick", 200, 500, 0.2, 0.3, 64, 100_000, 0.05, 5, 1 << 20, 1, 2, 1, 64L << 20, 10, 20, 1, 2, false,
                0.5, 100_000, 1_024, false);
    }

    /**
     * The same counts, for the call rows only (small calls, calls in flight, doubles, the large
     * array): what the harness measures again on a second JDK, host and children.
     */
    public Settings forCallsOnly() {
        return new Settings(
                name + "-calls",
                smallWarmup,
                smallCalls,
                throughputWarmupSeconds,
                throughputSeconds,
                inFlight,
                doubles,
                doublesWarmupSeconds,
                doublesCalls,
                bigBytes,
                bigWarmup,
                bigCalls,
                jnrBigCalls,
                sharedBytes,
                sharedWarmup,
                sharedCalls,
                warmStarts,
                baselineStarts,
                awaitArchives,
                idleAfterWorkSeconds,
                streamTokens,
                streamChunks,
                true);
    }
}
