package dev.isolate4j.internal.cgroup;

import dev.isolate4j.HardLimits;
import dev.isolate4j.internal.jdk.JvmSizes;

/** The cgroup controllers that enforce {@link HardLimits}, each with the limit it enforces. */
enum Controller {
    MEMORY("memory", "memory limit"),
    CPU("cpu", "CPU limit"),
    PIDS("pids", "process limit");

    private final String fileSystemName;
    private final String limit;

    Controller(String fileSystemName, String limit) {
        this.fileSystemName = fileSystemName;
        this.limit = limit;
    }

    /** {@return the controller's name in cgroup files and mount options} Such as {@code pids}. */
    String fileSystemName() {
        return fileSystemName;
    }

    /** {@return the limit it enforces, for messages} Such as {@code process limit}. */
    String limit() {
        return limit;
    }

    /** {@return whether {@code limits} asks for this controller} */
    boolean neededBy(HardLimits limits) {
        return switch (this) {
            case MEMORY -> limits.memoryBytes() > 0;
            case CPU -> limits.cpus() > 0;
            case PIDS -> limits.processes() > 0;
        };
    }

    /** {@return the value asked for, for messages} Such as {@code 512 MiB}. */
    String valueIn(HardLimits limits) {
        return switch (this) {
            case MEMORY -> JvmSizes.format(limits.memoryBytes());
            case CPU -> limits.cpus() + " CPUs";
            case PIDS -> limits.processes() + " processes";
        };
    }
}
