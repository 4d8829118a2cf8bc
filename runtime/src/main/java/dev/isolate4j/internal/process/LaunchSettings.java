package dev.isolate4j.internal.process;

import java.time.Duration;

/** The timeouts and limits a launch and the running extension obey. */
record LaunchSettings(
        Duration startTimeout, Duration stopTimeout, Duration callTimeout, int maxFrameBytes, boolean sharedMemory) {}
