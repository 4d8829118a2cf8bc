package dev.isolate4j.benchmarks.harness;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a host pays to allocate a large array, without isolate4j: {@code FreshArrays [MiB] [count]}
 * (64 and 30 by default) allocates that many arrays of that size one after another, keeping only
 * the latest, as a host does that receives a large {@code byte[]} result per call, and prints for
 * each the time {@code new byte[]} took, the page faults it took and the heap's committed size.
 *
 * <p>An array placed in memory the JVM already touched costs its zeroing (about 3.5 ms for 64 MiB
 * on this project's machines); one placed where the heap has just grown costs a page fault per
 * 4 KiB page as well, 175-260 ms for 64 MiB on these virtual machines. Which of the two a call
 * gets is the collector's choice, made from its own heuristics, in the host's JVM: what the
 * harness's 64 MiB row reads beyond the transfer. Run it with the JDK's default options to see
 * that choice, and with {@code -Xms1g -XX:+AlwaysPreTouch} to see the zeroing alone.
 */
public final class FreshArrays {
    private FreshArrays() {}

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long pid = ProcessHandle.current().pid();
        byte[] latest = null;
        for (int i = 0; i < count; i++) {
            long faults = ChildJvm.minorFaults(pid);
            long start = System.nanoTime();
            latest = new byte[mib << 20];
            long nanos = System.nanoTime() - start;
            System.out.printf(
                    Locale.ROOT,
                    "array %2d: %7.2f ms, %,6d page faults, heap %,d MiB committed%n",
                    i + 1,
                    nanos / 1e6,
                    ChildJvm.minorFaults(pid) - faults,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() >> 20);
        }
        System.out.println("kept the latest array of " + latest.length + " bytes");
    }
}
