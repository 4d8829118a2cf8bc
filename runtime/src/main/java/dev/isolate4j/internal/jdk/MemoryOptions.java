package dev.isolate4j.internal.jdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory options a child JVM starts with, before the user's own {@code jvmArgs}, which win: the
 * JVM takes the last of a repeated option, and a user who picks a collector gets it alone.
 *
 * <ul>
 *   <li>{@code -Xmx} from {@code maxHeap}, and {@code -XX:+ExitOnOutOfMemoryError}: a child out of
 *       heap ends at once, rather than living on with threads that died mid-call; the host then
 *       fails its pending calls with "out of memory" and the limit, and its restart policy applies.
 * </ul>
 */
public final class MemoryOptions {
    static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    private MemoryOptions() {}

    /**
     * The options for a child of {@code javaHome}.
     *
     * @param javaHome the child's JDK
     * @param maxHeap the configured maximum heap, e.g. {@code "512m"}
     * @param userArgs the user's {@code jvmArgs}, which come after and win
     * @return the options
     */
    public static List<String> forChild(Path javaHome, String maxHeap, List<String> userArgs) {
        return forChild(JdkOptions.version(javaHome), maxHeap, userArgs);
    }

    static List<String> forChild(Optional<Runtime.Version> version, String maxHeap, List<String> userArgs) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + maxHeap);
        options.add(EXIT_ON_OOM);
        return options;
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

    /** Whether the user's options pick a garbage collector: then ours would conflict, and go. */
    static boolean picksCollector(List<String> userArgs) {
        return userArgs.stream().anyMatch(option -> option.matches("-XX:\\+Use\\w*GC"));
    }
}
