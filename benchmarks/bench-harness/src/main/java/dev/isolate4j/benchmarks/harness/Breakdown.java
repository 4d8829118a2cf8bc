package dev.isolate4j.benchmarks.harness;

import dev.isolate4j.benchmarks.api.BenchService;
import dev.isolate4j.internal.rpc.CallTiming;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a small blocking call's microseconds go: the median of each stage, from the stamps both
 * processes take with {@code -Disolate4j.callTiming=true} (see {@link CallTiming}), joined by call id.
 * Host and child read the same monotonic clock, so a stage that crosses from one to the other (the
 * write, the other side's wake-up, its read) is one subtraction.
 */
final class Breakdown {
    /** A stamp: a column of the host's table or of the child's, or the harness's own before and after. */
    private record Point(boolean child, int stage) {}

    private static final Point START = new Point(false, -1);
    private static final Point END = new Point(false, -2);

    private record Stage(String name, Point from, Point to) {}

    private static final List<Stage> STAGES = List.of(
            new Stage("proxy: into the runtime", START, host(CallTiming.CALLER_ENTERED)),
            new Stage("encode: arguments and header", host(CallTiming.CALLER_ENTERED), host(CallTiming.CALLER_ENCODED)),
            new Stage(
                    "write: CALL frame to the socket",
                    host(CallTiming.CALLER_ENCODED),
                    host(CallTiming.CALLER_WRITTEN)),
            new Stage(
                    "wake: the child's reader has the frame",
                    host(CallTiming.CALLER_WRITTEN),
                    child(CallTiming.SERVER_READ)),
            new Stage(
                    "decode: header and arguments (child)",
                    child(CallTiming.SERVER_READ),
                    child(CallTiming.SERVER_DECODED)),
            new Stage(
                    "dispatch: the method (child)",
                    child(CallTiming.SERVER_DECODED),
                    child(CallTiming.SERVER_DISPATCHED)),
            new Stage(
                    "reply: encode the result (child)",
                    child(CallTiming.SERVER_DISPATCHED),
                    child(CallTiming.SERVER_ENCODED)),
            new Stage(
                    "reply: write the RESULT frame (child)",
                    child(CallTiming.SERVER_ENCODED),
                    child(CallTiming.SERVER_WRITTEN)),
            new Stage(
                    "wake: the host's reader has the frame",
                    child(CallTiming.SERVER_WRITTEN),
                    host(CallTiming.RESULT_READ)),
            new Stage("read: decode the result", host(CallTiming.RESULT_READ), host(CallTiming.RESULT_DECODED)),
            new Stage(
                    "read: to completing the future",
                    host(CallTiming.RESULT_DECODED),
                    host(CallTiming.RESULT_COMPLETING)),
            new Stage(
                    "wake: the caller sees its result",
                    host(CallTiming.RESULT_COMPLETING),
                    host(CallTiming.CALLER_WOKE)),
            new Stage("return: out of the proxy", host(CallTiming.CALLER_WOKE), END));

    private Breakdown() {}

    private static Point host(int stage) {
        return new Point(false, stage);
    }

    private static Point child(int stage) {
        return new Point(true, stage);
    }

    /**
     * Times {@code calls} small blocking calls after {@code warmup}, and prints the median of each
     * stage and of the whole call to {@code out}.
     *
     * @return the median of the whole call, in microseconds
     */
    static double measure(BenchService service, int warmup, int calls, PrintStream out) {
        if (!CallTiming.ON) {
            throw new IllegalStateException("run with -Disolate4j.callTiming=true (host and child)");
        }
        int n = Math.min(calls, CallTiming.CALLS - 1); // the table's slots, without wrapping
        for (int i = 0; i < warmup; i++) {
            service.echo(Harness.SMALL_STRING);
        }
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            starts[i] = System.nanoTime();
            service.echo(Harness.SMALL_STRING);
            ends[i] = System.nanoTime();
            ids[i] = CallTiming.lastCallId();
        }
        long[] host = CallTiming.table();
        long[] child = service.callTimings();
        if (child.length == 0) {
            throw new IllegalStateException("the child runs without -Disolate4j.callTiming=true");
        }
        long[] totals = new long[n];
        for (int i = 0; i < n; i++) {
            totals[i] = ends[i] - starts[i];
        }
        double total = median(totals) / 1e3;
        double sum = 0;
        for (Stage stage : STAGES) {
            long[] nanos = new long[n];
            int valid = 0;
            for (int i = 0; i < n; i++) {
                long from = value(stage.from(), i, ids, starts, ends, host, child);
                long to = value(stage.to(), i, ids, starts, ends, host, child);
                if (from != 0 && to != 0) {
                    nanos[valid++] = to - from;
                }
            }
            double median = median(Arrays.copyOf(nanos, valid)) / 1e3;
            sum += median;
            out.printf(Locale.ROOT, "| %-42s | %6.2f |%n", stage.name(), median);
        }
        out.printf(Locale.ROOT, "| %-42s | %6.2f |%n", "sum of the medians", sum);
        out.printf(Locale.ROOT, "| %-42s | %6.2f |%n", "median of the whole call", total);
        return total;
    }

    private static long value(Point point, int i, long[] ids, long[] starts, long[] ends, long[] host, long[] child) {
        if (point == START) {
            return starts[i];
        }
        if (point == END) {
            return ends[i];
        }
        long[] table = point.child() ? child : host;
        return table[CallTiming.index(ids[i], point.stage())];
    }

    private static double median(long[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
