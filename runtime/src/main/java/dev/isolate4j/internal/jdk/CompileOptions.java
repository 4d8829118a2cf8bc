package dev.isolate4j.internal.jdk;

import java.util.List;

/**
 * The JIT options a child JVM starts with, before the user's own {@code jvmArgs}, which win (the JVM
 * takes the last of a repeated option): {@code -XX:CompileThresholdScaling=4}, every compilation
 * threshold four times the JDK's.
 *
 * <p>Why: a child's start is bound by processor time, and eight children started at once share two
 * processors. Of the 250–280 ms a child took to its first result, 100–150 went to the JIT
 * compilers, mostly compiling code that runs only while the JVM and the runtime start. With the
 * thresholds four times higher, that code stays interpreted and a child took 190–230 ms, and eight
 * loads at once 1,056–1,154 ms against 1,310–1,500 (six paired runs of the harness's start-up
 * sequence, docs/benchmarks.md, "Start-up in the user's sequence"). A method the calls run often
 * still reaches the optimizing compiler, after about 20,000 calls instead of 5,000; the harness's
 * call rows, measured after 20,000 calls, did not move beyond their noise. Ten times the thresholds
 * saved more at start (180–200 ms), but the optimizing compiler's threshold, 5,000 invocations by
 * default, would then be 50,000: the call path's methods would run in the profiling tier through a
 * host's first 50,000 calls.
 */
public final class CompileOptions {
    static final String THRESHOLD_SCALING = "-XX:CompileThresholdScaling=4";

    private CompileOptions() {}

    /** {@return the options for a child, to put before the user's own} */
    public static List<String> forChild() {
        return List.of(THRESHOLD_SCALING);
    }
}
