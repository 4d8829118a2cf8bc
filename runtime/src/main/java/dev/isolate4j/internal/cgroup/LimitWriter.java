package dev.isolate4j.internal.cgroup;

import dev.isolate4j.HardLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes one controller's limit into a child's group, in the files of cgroup v2 or v1. */
final class LimitWriter {
    /** The CPU period, 100 ms, the kernel's default: the quota is the CPUs' share of it. */
    static final long CPU_PERIOD_MICROS = 100_000;

    private LimitWriter() {}

    /**
     * Writes {@code controller}'s limit from {@code limits} into {@code group}.
     *
     * @throws CgroupUnavailableException when the kernel does not take it, naming the file and value
     */
    static void write(Path group, Controller controller, boolean unified, HardLimits limits) {
        try {
            switch (controller) {
                case MEMORY -> memory(group, unified, limits.memoryBytes());
                case CPU -> cpu(group, unified, limits.cpus());
                case PIDS -> set(group, "pids.max", Integer.toString(limits.processes()));
            }
        } catch (LimitRefused e) {
            throw new CgroupUnavailableException(
                    CgroupUnavailableException.message(limits, List.of(controller), e.getMessage()), e.getCause());
        }
    }

    /** {@return the CPU quota per period for {@code cpus}, in microseconds} At least the kernel's 1 ms. */
    static long cpuQuotaMicros(double cpus) {
        return Math.max(1_000, Math.round(cpus * CPU_PERIOD_MICROS));
    }

    private static void memory(Path group, boolean unified, long bytes) throws LimitRefused {
        String value = Long.toString(bytes);
        if (unified) {
            set(group, "memory.max", value);
            // Without swap, memory.max is the whole of what the child may hold; swap would let it
            // push the excess out and slow the machine instead of being stopped.
            setIfPresent(group, "memory.swap.max", "0");
            // The child is killed whole, its sandbox's processes with it, not one process of it.
            setIfPresent(group, "memory.oom.group", "1");
        } else {
            set(group, "memory.limit_in_bytes", value);
            // memsw counts memory and swap together: the same value leaves no swap to escape into.
            // Present only when the kernel accounts swap.
            setIfPresent(group, "memory.memsw.limit_in_bytes", value);
        }
    }

    private static void cpu(Path group, boolean unified, double cpus) throws LimitRefused {
        String quota = Long.toString(cpuQuotaMicros(cpus));
        String period = Long.toString(CPU_PERIOD_MICROS);
        if (unified) {
            set(group, "cpu.max", quota + " " + period);
        } else {
            // The period first: the kernel checks the quota against it.
            set(group, "cpu.cfs_period_us", period);
            set(group, "cpu.cfs_quota_us", quota);
        }
    }

    private static void set(Path group, String file, String value) throws LimitRefused {
        try {
            CgroupFiles.write(group.resolve(file), value);
        } catch (IOException e) {
            throw refused(group, file, value, e);
        }
    }

    private static void setIfPresent(Path group, String file, String value) throws LimitRefused {
        try {
            CgroupFiles.writeIfPresent(group.resolve(file), value);
        } catch (IOException e) {
            throw refused(group, file, value, e);
        }
    }

    private static LimitRefused refused(Path group, String file, String value, IOException e) {
        return new LimitRefused(
                "could not write " + value + " to " + group.resolve(file) + " (" + CgroupFiles.why(e) + ")", e);
    }

    /** A write the kernel refused; becomes a {@link CgroupUnavailableException} naming the limit. */
    private static final class LimitRefused extends Exception {
        private static final long serialVersionUID = 1L;

        LimitRefused(String message, IOException cause) {
            super(message, cause);
        }
    }
}
