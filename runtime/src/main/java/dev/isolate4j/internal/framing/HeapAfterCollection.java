package dev.isolate4j.internal.framing;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much of the heap was in use when this JVM's latest collection ended: what was live then,
 * unlike {@link Runtime#freeMemory()}, which counts the garbage made since as used.
 *
 * <p>Read through {@code jdk.management} when a large body's admission needs it, not before: a JVM
 * that never sees a heap this full does not load the management classes. A JVM without that module
 * (a module-path host that does not resolve it) gets {@link #UNKNOWN}.
 */
final class HeapAfterCollection {
    /** Returned when no collection has run yet or the JVM does not say. */
    static final long UNKNOWN = -1;

    private HeapAfterCollection() {}

    /**
     * The heap in use, in bytes, at the end of the latest collection of any kind.
     *
     * @return the bytes, or {@link #UNKNOWN}
     */
    static long usedBytes() {
        try {
            return Beans.usedAfterLatest();
        } catch (LinkageError | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** Loaded at the first question; fails to link where {@code jdk.management} is absent. */
    private static final class Beans {
        private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());

        static long usedAfterLatest() {
            GcInfo latest = null;
            for (GarbageCollectorMXBean collector :
                    ManagementFactory.getPlatformMXBeans(GarbageCollectorMXBean.class)) {
                GcInfo info = collector.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
            if (latest == null) {
                return UNKNOWN;
            }
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool :
                    latest.getMemoryUsageAfterGc().entrySet()) {
                if (HEAP_POOLS.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            return used;
        }
    }
}
