package io.deepedge.models.metrics;

/**
 * LC outcome of a whole run: every service instance's requests of the metrics window together.
 *
 * @param requests requests judged (completed in the window or unfinished at its end)
 * @param unfinished those still queued or in service at the window's end (their age is their latency)
 * @param misses requests whose latency (or age) exceeded their service's deadline
 * @param p50Ms median latency over all instances (NaN without requests)
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 */
public record LcTotals(long requests, long unfinished, long misses, double p50Ms, double p95Ms, double p99Ms) {
}
