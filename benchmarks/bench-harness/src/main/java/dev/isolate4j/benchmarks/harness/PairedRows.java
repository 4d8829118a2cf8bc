package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.benchmarks.api.BenchService;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The rows whose target is a ratio to the raw socket (calls in flight, the small call blocking and
 * awaited asynchronously, the large array), measured in alternating rounds against a raw JDK socket
 * of the same minutes: isolate4j's first round, then the raw socket's, then the raw socket's again
 * and isolate4j's, and so on. Measured minutes apart, a change in the machine's load (another
 * process, a JIT thread, the page cache) moved one side and not the other, and the ratio swung with
 * it: a 64 MiB round trip read 0.64× raw in one run and 1.02× in the next, with the same code; calls
 * in flight, measured a minute before their baseline, 0.61× and 1.17× in two runs of one day.
 *
 * <p>Each side's figure is over all its rounds: the small call's percentiles over every timed call,
 * the rates over every round. The awaited asynchronous call is timed in the small call's rounds,
 * next to the same raw rounds. The raw socket is the harness's echo server ({@link EchoServer}) in
 * a JVM of its own on the children's JDK, as for the other raw rows, and its client another ({@link
 * RawClient}), which times its rounds itself: in the host's JVM its 64 MiB buffers changed how the
 * host's heap treated isolate4j's.
 */
final class PairedRows {
    /** Rounds per side; each side's calls are split evenly between them. */
    static final int ROUNDS = 6;

    private static final int RAW_SMALL_BYTES = 64;

    private PairedRows() {}

    /** Both sides' figures for the paired rows. */
    static final class Figures {
        double callsPerSecond = Double.NaN;
        double rawCallsPerSecond = Double.NaN;
        Stats small;
        Stats asyncSmall;
        Stats rawSmall;
        double bigMBps = Double.NaN;
        double rawBigMBps = Double.NaN;

        /** Puts the raw socket's paired figures in place of those {@code jdk} measured apart. */
        void replaceRaw(Baselines.Figures jdk) {
            jdk.callsPerSecond = rawCallsPerSecond;
            jdk.small = rawSmall;
            jdk.bigMBps = rawBigMBps;
        }
    }

    /**
     * Measures the paired rows against a raw echo server it starts and stops, in the harness's
     * order: calls in flight, the small call, then {@code between} (the doubles rows), then the
     * large array.
     */
    static Figures measure(Settings settings, BenchService service, Path work, Harness.Call between) throws Exception {
        Path socket = work.resolve("paired-raw.sock");
        ChildJvm server = ChildJvm.start(EchoServer.class, "jdk", socket.toString());
        try (server;
                RawClient.Remote raw = RawClient.Remote.start(socket)) {
            Figures figures = new Figures();
            inFlight(figures, settings, service, raw);
            small(figures, settings, service, raw);
            between.run();
            big(figures, settings, service, raw);
            return figures;
        }
    }

    /** Calls per second with {@code settings.inFlight()} outstanding, each side's the mean of its rounds. */
    private static void inFlight(Figures figures, Settings settings, BenchService service, RawClient.Remote raw)
            throws Exception {
        int slots = settings.inFlight();
        Isolate4jBench.inFlight(service, slots, settings.throughputWarmupSeconds());
        raw.inFlight(slots, settings.throughputWarmupSeconds());
        double seconds = settings.throughputSeconds() / ROUNDS;
        double mine = 0;
        double theirs = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                mine += Isolate4jBench.inFlight(service, slots, seconds);
                theirs += raw.inFlight(slots, seconds);
            } else {
                theirs += raw.inFlight(slots, seconds);
                mine += Isolate4jBench.inFlight(service, slots, seconds);
            }
        }
        figures.callsPerSecond = mine / ROUNDS;
        figures.rawCallsPerSecond = theirs / ROUNDS;
    }

    /**
     * The small call, blocking and awaited asynchronously, in rounds beside the raw socket's: the
     * asynchronous round always next to the raw one, before it in one round and after it in the next.
     */
    private static void small(Figures figures, Settings settings, BenchService service, RawClient.Remote raw)
            throws Exception {
        String text = Harness.SMALL_STRING;
        int smallPerRound = Math.max(1, settings.smallCalls() / ROUNDS);
        long[] mine = new long[smallPerRound * ROUNDS];
        long[] async = new long[smallPerRound * ROUNDS];
        long[] theirs = new long[smallPerRound * ROUNDS];
        for (int i = 0; i < settings.smallWarmup(); i++) {
            service.echo(text);
            service.echoAsync(i).join();
        }
        raw.small(settings.smallWarmup(), RAW_SMALL_BYTES);
        for (int round = 0; round < ROUNDS; round++) {
            int offset = round * smallPerRound;
            if (round % 2 == 0) {
                timeSmall(service, mine, offset, smallPerRound);
                timeAsync(service, async, offset, smallPerRound);
                timeRaw(raw, theirs, offset, smallPerRound);
            } else {
                timeRaw(raw, theirs, offset, smallPerRound);
                timeAsync(service, async, offset, smallPerRound);
                timeSmall(service, mine, offset, smallPerRound);
            }
        }
        figures.small = Stats.of(mine);
        figures.asyncSmall = Stats.of(async);
        figures.rawSmall = Stats.of(theirs);
    }

    private static void big(Figures figures, Settings settings, BenchService service, RawClient.Remote raw)
            throws Exception {
        byte[] big = new byte[settings.bigBytes()];
        for (int i = 0; i < settings.bigWarmup(); i++) {
            service.echoBytes(big);
        }
        raw.big(settings.bigWarmup(), big.length);
        int bigPerRound = (settings.bigCalls() + ROUNDS - 1) / ROUNDS;
        long mineNanos = 0;
        long rawNanos = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                mineNanos += timeBig(service, big, bigPerRound);
                rawNanos += raw.big(bigPerRound, big.length);
            } else {
                rawNanos += raw.big(bigPerRound, big.length);
                mineNanos += timeBig(service, big, bigPerRound);
            }
        }
        double bytes = (double) big.length * bigPerRound * ROUNDS;
        figures.bigMBps = bytes / 1e6 / (mineNanos / 1e9);
        figures.rawBigMBps = bytes / 1e6 / (rawNanos / 1e9);
    }

    private static void timeSmall(BenchService service, long[] nanos, int offset, int count) {
        String text = Harness.SMALL_STRING;
        for (int i = offset; i < offset + count; i++) {
            long start = System.nanoTime();
            service.echo(text);
            nanos[i] = System.nanoTime() - start;
        }
    }

    /** The asynchronous call, its future awaited at once: the same round trip through a future. */
    private static void timeAsync(BenchService service, long[] nanos, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            long start = System.nanoTime();
            service.echoAsync(i).join();
            nanos[i] = System.nanoTime() - start;
        }
    }

    private static void timeRaw(RawClient.Remote raw, long[] nanos, int offset, int count) throws IOException {
        System.arraycopy(raw.small(count, RAW_SMALL_BYTES), 0, nanos, offset, count);
    }

    private static long timeBig(BenchService service, byte[] big, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            service.echoBytes(big);
        }
        return System.nanoTime() - start;
    }
}
