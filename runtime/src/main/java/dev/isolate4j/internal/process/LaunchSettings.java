package dev.isolate4j.internal.process;

import dev.isolate4j.HardLimits;
import dev.isolate4j.HealthCheck;
import java.time.Duration;

/**
 * The timeouts and limits a launch and the running extension obey.
 *
 * @param maxHeap the child's maximum heap as the user wrote it (e.g. {@code "512m"}), for messages
 * @param hardLimits the cgroup limits each process of the extension starts under
 * @param healthCheck how each running process is watched for silence
 */
record LaunchSettings(
        Duration startTimeout,
        Duration stopTimeout,
        Duration callTimeout,
        int maxFrameBytes,
        boolean sharedMemory,
        String maxHeap,
        HardLimits hardLimits,
        HealthCheck healthCheck) {}
