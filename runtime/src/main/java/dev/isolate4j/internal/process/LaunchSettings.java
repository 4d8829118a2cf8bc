package dev.isolate4j.internal.process;

import dev.isolate4j.CallInterceptor;
import dev.isolate4j.Debug;
import dev.isolate4j.HardLimits;
import dev.isolate4j.HealthCheck;
import java.time.Duration;
import java.util.List;

/**
 * The timeouts and limits a launch and the running extension obey.
 *
 * @param maxHeap the child's maximum heap as the user wrote it (e.g. {@code "512m"}), for messages
 * @param hardLimits the cgroup limits each process of the extension starts under
 * @param healthCheck how each running process is watched for silence
 * @param debug the JDWP agent each process starts with, from the config or the system property, or
 *     {@code null}
 * @param interceptors what sees each call on the host's side of the connection
 * @param childInterceptors the class names of the interceptors the host's class path provides, which
 *     a child on that class path installs as well; empty for an isolated child
 */
record LaunchSettings(
        Duration startTimeout,
        Duration stopTimeout,
        Duration callTimeout,
        int maxFrameBytes,
        boolean sharedMemory,
        String maxHeap,
        HardLimits hardLimits,
        HealthCheck healthCheck,
        Debug debug,
        List<CallInterceptor> interceptors,
        List<String> childInterceptors) {}
