package dev.isolate4j.internal.rpc;

import java.time.Duration;

/**
 * Limits of one connection.
 *
 * @param maxFrameBytes the largest frame accepted, checked before anything is allocated
 * @param callTimeout the default timeout of calls made through this connection's proxies
 */
public record ConnectionSettings(int maxFrameBytes, Duration callTimeout) {}
