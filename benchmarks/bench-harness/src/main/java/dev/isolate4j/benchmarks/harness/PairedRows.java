package dev.isolate4j.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The rows whose target is a ratio to the raw socket (the small call, the large array), measured in
 * alternating rounds against a raw JDK socket of the same minutes: isolate4j's first round, then the
 * raw socket's, then the raw socket's again and isolate4j's, and so on. Measured minutes apart, a
 * change in the machine's load (another process, a JIT thread, the page cache) moved one side and not
 * the other, and the ratio swung with it: a 64 MiB round trip read 0.64× raw in one run and 1.02× in
 * the next, with the same code.
 *
 * <p>Each side's figure is over all its rounds: the small call's percentiles over every timed call,
 * the large array's rate over every timed round trip. The raw socket is the harness's echo server
 * ({@link EchoServer}) in a JVM of its own on the children's JDK, as for the other raw rows, and its
 * client another ({@link RawClient}), which times its rounds itself: in the host's JVM its 64 MiB
 * buffers changed how the host's heap treated isolate4j's.
 */
final class PairedRows {
    /** Rounds per side; each side's calls are split evenly between them. */
    static final int ROUNDS = 6;

    private static final int RAW_SMALL_BYTES = 64;

    private PairedRows() {}

    /** Both sides' figures for the paired rows. */
    static final class Figures {
        Stats small;
        Stats rawSmall;
        double bigMBps = Double.NaN;
        double rawBigMBps = Double.NaN;

        /** Puts the raw socket's paired figures in place of those {@code jdk} measured apart. */
        void replaceRaw(Baselines.Figures jdk) {
            jdk.small = rawSmall;
            jdk.bigMBps = rawBigMBps;
        }
    }

    /**
     * Measures the paired rows against a raw echo server it starts and stops, in the harness's
     * order: the small call, then {@code between} (the doubles rows), then the large array.
     */
    static Figures measure(Settings settings, CallRows.Service service, Path work, Harness.Call between)
            throws Exception {
        Path socket = work.resolve("paired-raw.sock");
        ChildJvm server = ChildJvm.start(EchoServer.class, "jdk", socket.toString());
        try (server;
                RawClient.Remote raw = RawClient.Remote.start(socket)) {
            Figures figures = new Figures();
            small(figures, settings, service, raw);
            between.run();
            big(figures, settings, service, raw);
            return figures;
        }
    }

    private static void small(Figures figures, Settings settings, CallRows.Service service, RawClient.Remote raw)
            throws Exception {
        String text = Harness.SMALL_STRING;
        int smallPerRound = Math.max(1, settings.smallCalls() / ROUNDS);
        long[] mine = new long[smallPerRound * ROUNDS];
        long[] theirs = new long[smallPerRound * ROUNDS];
        for (int i = 0; i < settings.smallWarmup(); i++) {
            service.echo(text);
        }
        raw.small(settings.smallWarmup(), RAW_SMALL_BYTES);
        for (int round = 0; round < ROUNDS; round++) {
            int offset = round * smallPerRound;
            if (round % 2 == 0) {
                timeSmall(service, mine, offset, smallPerRound);
                timeRaw(raw, theirs, offset, smallPerRound);
            } else {
                timeRaw(raw, theirs, offset, smallPerRound);
                timeSmall(service, mine, offset, smallPerRound);
            }
        }
        figures.small = Stats.of(mine);
        figures.rawSmall = Stats.of(theirs);
    }

    private static void big(Figures figures, Settings settings, CallRows.Service service, RawClient.Remote raw)
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

    private static void timeSmall(CallRows.Service service, long[] nanos, int offset, int count) throws Exception {
        String text = Harness.SMALL_STRING;
        for (int i = offset; i < offset + count; i++) {
            long start = System.nanoTime();
            service.echo(text);
            nanos[i] = System.nanoTime() - start;
        }
    }

    private static void timeRaw(RawClient.Remote raw, long[] nanos, int offset, int count) throws IOException {
        System.arraycopy(raw.small(count, RAW_SMALL_BYTES), 0, nanos, offset, count);
    }

    private static long timeBig(CallRows.Service service, byte[] big, int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            service.echoBytes(big);
        }
        return System.nanoTime() - start;
    }
}
