package dev.isolate4j;

import dev.isolate4j.internal.jdk.JvmSizes;

/**
 * Hard limits on everything an extension's child process uses, enforced by the Linux kernel through
 * control groups (cgroup v2, or the v1 controllers), so that a leak in native code or a runaway
 * thread pool cannot take the machine. Unlike {@code -Xmx}, the memory limit counts all of the
 * child's memory: heap, metaspace, thread stacks, native allocations and whatever processes it
 * starts. Over it, the kernel kills the child; the host then reports that the hard memory limit
 * killed it. A value of 0 means no limit of that kind; {@link #none()}, the default, limits nothing
 * and needs no cgroups.
 *
 * <p>Where a limit is asked for and the machine cannot give it (no cgroup file system, a controller
 * that is not there, a group the user may not write), the extension does not load, and the error
 * says what was missing and how to get it; limits are never silently dropped.
 *
 * <pre>{@code
 * HardLimits limits = HardLimits.builder()
 *     .memory("512m")   // the child's whole memory, as for -Xmx: bytes, or k, m, g, t
 *     .cpus(1.5)        // one and a half CPUs' worth of time
 *     .processes(256)   // processes and threads together
 *     .build();
 * }</pre>
 *
 * @param memoryBytes the most memory the child and its processes may use, in bytes; at least {@value
 *     #MIN_MEMORY_BYTES} (32 MiB), or 0 for no limit
 * @param cpus the most CPU time the child may use, in CPUs (1.5 is one and a half CPUs' worth of time
 *     per wall-clock second); at least {@value #MIN_CPUS}, or 0 for no limit
 * @param processes the most tasks the child may run at once, counting every thread of every process
 *     as the kernel does; at least {@value #MIN_PROCESSES}, or 0 for no limit
 */
public record HardLimits(long memoryBytes, double cpus, int processes) {
    /**
     * The smallest memory limit: a JVM's own code cache, metaspace, thread stacks and smallest heap
     * take about this much before the extension allocates anything.
     */
    public static final long MIN_MEMORY_BYTES = 32L * 1024 * 1024;

    /** The smallest CPU limit: the kernel's smallest quota, 1 ms in each 100 ms period. */
    public static final double MIN_CPUS = 0.01;

    /**
     * The smallest process limit: the kernel counts threads, and a JVM starts about 20 of its own
     * (garbage collector, JIT compilers, reference handler, signal dispatcher) and isolate4j a few
     * more before the extension runs any.
     */
    public static final int MIN_PROCESSES = 32;

    private static final HardLimits NONE = new HardLimits(0, 0, 0);

    /**
     * Checks the values.
     *
     * @param memoryBytes see {@link #memoryBytes()}
     * @param cpus see {@link #cpus()}
     * @param processes see {@link #processes()}
     * @throws IllegalArgumentException when a value is negative, not a number, or above 0 but below its
     *     minimum
     */
    public HardLimits {
        if (memoryBytes < 0 || (memoryBytes > 0 && memoryBytes < MIN_MEMORY_BYTES)) {
            throw new IllegalArgumentException("hard memory limit " + memoryBytes + " bytes ("
                    + JvmSizes.format(Math.max(memoryBytes, 0)) + ") is not accepted: give at least "
                    + JvmSizes.format(MIN_MEMORY_BYTES) + " (32m), which a JVM needs before the extension"
                    + " allocates anything, or 0 for no limit");
        }
        if (!(cpus == 0 || (cpus >= MIN_CPUS && Double.isFinite(cpus)))) {
            throw new IllegalArgumentException("hard CPU limit " + cpus + " is not accepted: give a number of"
                    + " CPUs of at least " + MIN_CPUS + " (1.5 is one and a half CPUs' worth of time), or 0 for"
                    + " no limit");
        }
        if (processes < 0 || (processes > 0 && processes < MIN_PROCESSES)) {
            throw new IllegalArgumentException("hard process limit " + processes + " is not accepted: give at"
                    + " least " + MIN_PROCESSES + ", because the kernel counts every thread and a JVM runs about"
                    + " 20 of its own before the extension starts any, or 0 for no limit");
        }
    }

    /** {@return no limits} The default: the child runs in the host's own cgroup, and no cgroup is needed. */
    public static HardLimits none() {
        return NONE;
    }

    /** {@return whether nothing is limited} */
    public boolean isNone() {
        return memoryBytes == 0 && cpus == 0 && processes == 0;
    }

    /**
     * Starts limits with nothing limited.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the limits for people} Such as {@code memory 512 MiB, 1.5 CPUs, 256 processes}. */
    @Override
    public String toString() {
        if (isNone()) {
            return "no hard limits";
        }
        StringBuilder text = new StringBuilder();
        if (memoryBytes > 0) {
            text.append("memory ").append(JvmSizes.format(memoryBytes));
        }
        if (cpus > 0) {
            text.append(text.length() > 0 ? ", " : "").append(cpus).append(" CPUs");
        }
        if (processes > 0) {
            text.append(text.length() > 0 ? ", " : "").append(processes).append(" processes");
        }
        return text.toString();
    }

    /** Builds {@link HardLimits}. */
    public static final class Builder {
        private long memoryBytes;
        private double cpus;
        private int processes;

        private Builder() {}

        /**
         * Sets {@link HardLimits#memoryBytes()} from a size as {@code -Xmx} takes it.
         *
         * @param size bytes, or a whole number followed by {@code k}, {@code m}, {@code g} or {@code t}
         *     (powers of 1024), such as {@code "512m"} or {@code "2g"}; {@code "0"} for no limit
         * @return this builder
         * @throws IllegalArgumentException when {@code size} is not such a size
         */
        public Builder memory(String size) {
            try {
                this.memoryBytes = JvmSizes.parse(size);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hard memory limit " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Sets {@link HardLimits#memoryBytes()}.
         *
         * @param memoryBytes see {@link HardLimits#memoryBytes()}
         * @return this builder
         */
        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        /**
         * Sets {@link HardLimits#cpus()}.
         *
         * @param cpus see {@link HardLimits#cpus()}
         * @return this builder
         */
        public Builder cpus(double cpus) {
            this.cpus = cpus;
            return this;
        }

        /**
         * Sets {@link HardLimits#processes()}.
         *
         * @param processes see {@link HardLimits#processes()}
         * @return this builder
         */
        public Builder processes(int processes) {
            this.processes = processes;
            return this;
        }

        /**
         * Creates the limits.
         *
         * @return the limits
         * @throws IllegalArgumentException when a value is negative or below its minimum
         */
        public HardLimits build() {
            return new HardLimits(memoryBytes, cpus, processes);
        }
    }
}
