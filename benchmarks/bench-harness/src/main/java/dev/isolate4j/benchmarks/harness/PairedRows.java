package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.ExtensionHandle;
import dev.isolate4j.benchmarks.api.BenchService;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

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

    private static final long HOST_PID = ProcessHandle.current().pid();

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
        /** What the large array's rounds saw, call by call; null until they ran. */
        BigCalls bigCalls;

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
        BigCalls calls = new BigCalls(bigPerRound * ROUNDS, ROUNDS, big.length);
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                timeBig(service, big, bigPerRound, calls);
                calls.rawRound(raw.big(bigPerRound, big.length), bigPerRound);
            } else {
                calls.rawRound(raw.big(bigPerRound, big.length), bigPerRound);
                timeBig(service, big, bigPerRound, calls);
            }
        }
        double bytes = (double) big.length * bigPerRound * ROUNDS;
        figures.bigMBps = bytes / 1e6 / (calls.mineNanos() / 1e9);
        figures.rawBigMBps = bytes / 1e6 / (calls.rawNanos() / 1e9);
        figures.bigCalls = calls.done();
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

    private static void timeBig(BenchService service, byte[] big, int count, BigCalls calls) {
        long child = ExtensionHandle.of(service).pid();
        for (int i = 0; i < count; i++) {
            long faults = ChildJvm.minorFaults(HOST_PID);
            long childFaults = ChildJvm.minorFaults(child);
            long collecting = collectorMillis();
            long start = System.nanoTime();
            service.echoBytes(big);
            long nanos = System.nanoTime() - start;
            calls.mine(
                    nanos,
                    ChildJvm.minorFaults(HOST_PID) - faults,
                    ChildJvm.minorFaults(child) - childFaults,
                    collectorMillis() - collecting);
        }
    }

    /** {@return the time the host's collectors reported so far, in ms: pauses, and concurrent cycles on JDK 21 and later} */
    private static long collectorMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /**
     * The large array's rounds call by call, printed under the table, so that a run whose row misses
     * says where the time went. Each isolate4j call allocates a new array on each side, which the raw
     * socket's client and server never do: a call whose result the host's heap puts in memory it
     * never touched takes a page fault per 4 KiB page of it (16,384 for 64 MiB), which on this kind of
     * virtual machine costs more than the whole transfer, and each new array sets the collectors off.
     * docs/benchmarks.md, "Why the misses", reads these lines.
     */
    static final class BigCalls {
        private final long[] mineNanos;
        private final long[] hostFaults;
        private final long[] childFaults;
        private final long[] collectorMillis;
        private final double[] rawCallNanos;
        private final long heapBefore = committedHeap();
        /** Most of a result's pages, each touched for the first time. */
        private final long freshResultFaults;

        private long heapAfter;
        private int mineCount;
        private int rawRounds;
        private long rawNanos;

        BigCalls(int calls, int rounds, int bytes) {
            freshResultFaults = bytes / PAGE_BYTES * 3L / 4;
            mineNanos = new long[calls];
            hostFaults = new long[calls];
            childFaults = new long[calls];
            collectorMillis = new long[calls];
            rawCallNanos = new double[rounds];
        }

        void mine(long nanos, long faults, long faultsOfChild, long collecting) {
            mineNanos[mineCount] = nanos;
            hostFaults[mineCount] = faults;
            childFaults[mineCount] = faultsOfChild;
            collectorMillis[mineCount++] = collecting;
        }

        void rawRound(long nanos, int calls) {
            rawNanos += nanos;
            rawCallNanos[rawRounds++] = (double) nanos / calls;
        }

        long mineNanos() {
            return Arrays.stream(mineNanos).sum();
        }

        long rawNanos() {
            return rawNanos;
        }

        BigCalls done() {
            heapAfter = committedHeap();
            return this;
        }

        /**
         * {@return one line: each of isolate4j's calls in order with the page faults the host and the
         * child took in it and the time of the host's collectors, the raw socket's rounds, the host's heap}
         */
        String describe(String size) {
            long[] sorted = mineNanos.clone();
            Arrays.sort(sorted);
            double[] raw = rawCallNanos.clone();
            Arrays.sort(raw);
            StringBuilder calls = new StringBuilder();
            for (int i = 0; i < mineCount; i++) {
                calls.append(String.format(
                        Locale.ROOT,
                        "%s%.1f [%,d/%,d, %d]",
                        i == 0 ? "" : " ",
                        mineNanos[i] / 1e6,
                        hostFaults[i],
                        childFaults[i],
                        collectorMillis[i]));
            }
            return String.format(
                    Locale.ROOT,
                    "%s round trips, isolate4j: %.1f-%.1f ms a call, median %.1f; in order, each with [page faults"
                            + " of the host/the child, ms of the host's collectors] (%,d faults: a result in"
                            + " memory never touched before): %s. The raw socket's rounds: %.1f-%.1f ms a call. The"
                            + " host's heap: %d -> %d MiB committed",
                    size,
                    sorted[0] / 1e6,
                    sorted[sorted.length - 1] / 1e6,
                    sorted[sorted.length / 2] / 1e6,
                    freshResultFaults,
                    calls,
                    raw[0] / 1e6,
                    raw[raw.length - 1] / 1e6,
                    heapBefore >> 20,
                    heapAfter >> 20);
        }

        private static final int PAGE_BYTES = 4096;

        private static long committedHeap() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        }
    }
}
