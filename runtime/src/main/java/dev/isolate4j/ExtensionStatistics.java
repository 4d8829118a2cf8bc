package dev.isolate4j;

import java.time.Duration;

/**
 * What the host's calls to one extension looked like so far: counts and latencies, measured in the
 * host from the call to its result, and the child's memory now. Percentiles come from a histogram
 * with four buckets per power of two, so they are accurate to about 20%.
 *
 * <pre>{@code
 * ExtensionStatistics stats = manager.handle("ocr").statistics();
 * log.info("ocr: {} calls, {} failed, p99 {} µs, RSS {} MiB", stats.calls(), stats.errors(),
 *         stats.p99().toNanos() / 1000, stats.memory().rssBytes() >> 20);
 * }</pre>
 *
 * @param calls the calls made, blocking and asynchronous, whatever their outcome
 * @param errors the calls that ended with an exception, a timeout or a cancellation
 * @param mean the mean latency
 * @param p50 the median latency
 * @param p99 the 99th percentile latency
 * @param memory the child's memory, asked of it when the statistics were taken; {@link
 *     ExtensionMemory#UNKNOWN} while it is not running
 */
public record ExtensionStatistics(
        long calls, long errors, Duration mean, Duration p50, Duration p99, ExtensionMemory memory) {}
