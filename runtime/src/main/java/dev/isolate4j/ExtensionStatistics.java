package dev.isolate4j;

import java.time.Duration;

/**
 * What the host's calls to one extension looked like so far: counts and latencies, measured in the
 * host from the call to its result. Percentiles come from a histogram with four buckets per power
 * of two, so they are accurate to about 20%.
 *
 * <pre>{@code
 * ExtensionStatistics stats = manager.handle("ocr").statistics();
 * log.info("ocr: {} calls, {} failed, p99 {} µs", stats.calls(), stats.errors(), stats.p99().toNanos() / 1000);
 * }</pre>
 *
 * @param calls the calls made, blocking and asynchronous, whatever their outcome
 * @param errors the calls that ended with an exception, a timeout or a cancellation
 * @param mean the mean latency
 * @param p50 the median latency
 * @param p99 the 99th percentile latency
 */
public record ExtensionStatistics(long calls, long errors, Duration mean, Duration p50, Duration p99) {}
