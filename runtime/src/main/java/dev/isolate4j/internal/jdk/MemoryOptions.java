package dev.isolate4j.internal.jdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The memory options a child JVM starts with, before the user's own {@code jvmArgs}, which win (the
 * JVM takes the last of a repeated option). Chosen by measurement (a burst of calls, a 200 MiB
 * argument, then idleness; README, "Memory and lifecycle", and docs/memory.md): with the JDK's
 * defaults a child keeps the 450 MiB it took; with these it is back at 50 to 55 MiB within 30 s
 * (JDK 17 and 25, after the benchmark harness's call rows), and calls are as fast.
 *
 * <ul>
 *   <li>{@code -Xmx} from {@code maxHeap}, and {@code -XX:+ExitOnOutOfMemoryError}: a child out of
 *       heap ends at once, rather than living on with threads that died mid-call; the host then
 *       fails its pending calls with "out of memory" and the limit, and its restart policy applies.
 *   <li>{@code -XX:InitialHeapSize=8m -XX:MinHeapSize=2m}: the heap starts at 8 MiB and grows as the
 *       work needs, not to the JDK's initial 1/64 of the machine; an idle child's collections may
 *       shrink it below its initial size, to what is live and the free ratio (with {@code -Xms8m},
 *       8 MiB stayed committed, and 1.5 MiB more resident after a harness run).
 *   <li>{@code -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10}: a full collection gives back the heap
 *       beyond 1.1 times what is live (a megabyte less after a harness run than with 10 and 20;
 *       while calls run, G1 sizes the heap by the time it spends collecting, not by these).
 *   <li>{@code -XX:G1PeriodicGCInterval=5000 -XX:-G1PeriodicGCInvokesConcurrent}: a child that has
 *       not collected for 5 s runs a full collection, which is what shrinks the heap of an idle JVM;
 *       about 0.3% of a core per idle child. The concurrent variant shrank it later or not at all.
 *   <li>{@code -XX:TrimNativeHeapInterval=5000} (JDK 17.0.9, 21.0.1, 22 and later): gives back the
 *       C heap the JIT compilers used during the burst, 5 to 7 MiB.
 * </ul>
 *
 * <p>A user who picks another collector keeps ours harmlessly: G1's options are ignored by the
 * others.
 *
 * <p>The C library's allocator gets settings of its own, in the child's environment ({@link
 * #environment}): two arenas rather than eight per processor, and large allocations always mapped on
 * their own. After the harness's day they left JDK 25 children 3.5 to 6 MiB smaller than two arenas
 * alone, and JDK 17 children at the low end of their former spread, with the call rows and the
 * start-up rows unchanged (docs/memory.md, "The allocator's settings").
 */
public final class MemoryOptions {
    static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";
    static final List<String> SHRINKING = List.of(
            "-XX:InitialHeapSize=8m",
            "-XX:MinHeapSize=2m",
            "-XX:MinHeapFreeRatio=5",
            "-XX:MaxHeapFreeRatio=10",
            "-XX:G1PeriodicGCInterval=5000",
            "-XX:-G1PeriodicGCInvokesConcurrent");
    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

    /**
     * glibc's allocator: two arenas for all of the child's threads, not eight per processor, and
     * a fixed threshold of 32 KiB above which an allocation gets pages of its own, given back when
     * freed. glibc otherwise raises that threshold to the largest block freed, so the compilers'
     * large arenas of a burst land among long-lived allocations, in pages the periodic trim cannot
     * give back. Other C libraries ignore both variables.
     */
    static final Map<String, String> ALLOCATOR = Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_THRESHOLD_", "32768");

    private MemoryOptions() {}

    /**
     * The options for a child of a JDK of {@code version}.
     *
     * @param version the child's JDK's version ({@link JdkOptions#version}); empty when unknown
     * @param maxHeap the configured maximum heap, e.g. {@code "512m"}
     * @return the options, to put before the user's own
     */
    public static List<String> forChild(Optional<Runtime.Version> version, String maxHeap) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + maxHeap);
        options.add(EXIT_ON_OOM);
        options.addAll(SHRINKING);
        if (version.filter(MemoryOptions::trimsNativeHeap).isPresent()) {
            options.add(TRIM_NATIVE_HEAP);
        }
        return options;
    }

    /** Whether the JDK knows {@code TrimNativeHeapInterval}; an unknown option stops a JVM. */
    static boolean trimsNativeHeap(Runtime.Version version) {
        return switch (version.feature()) {
            case 17 -> version.update() >= 9;
            case 18, 19, 20 -> false;
            case 21 -> version.update() >= 1;
            default -> version.feature() > 21;
        };
    }

    /**
     * The environment variables a child starts with: the allocator's settings, then the user's
     * own, which win.
     *
     * @param userEnv the extension's configured environment
     * @return the variables to add to the host's environment for the child
     */
    public static Map<String, String> environment(Map<String, String> userEnv) {
        Map<String, String> environment = new LinkedHashMap<>(ALLOCATOR);
        environment.putAll(userEnv);
        return environment;
    }

    /**
     * The maximum heap a child runs with: the last {@code -Xmx} or {@code -XX:MaxHeapSize=} of the
     * user's options, else {@code maxHeap}.
     *
     * @param maxHeap the configured maximum heap
     * @param userArgs the user's {@code jvmArgs}
     * @return the limit as written, e.g. {@code "512m"}
     */
    public static String effectiveMaxHeap(String maxHeap, List<String> userArgs) {
        String effective = maxHeap;
        for (String option : userArgs) {
            if (option.startsWith("-Xmx")) {
                effective = option.substring("-Xmx".length());
            } else if (option.startsWith("-XX:MaxHeapSize=")) {
                effective = option.substring("-XX:MaxHeapSize=".length());
            }
        }
        return effective;
    }
}
