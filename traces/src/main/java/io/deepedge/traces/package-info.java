/**
 * Request and availability traces: readers of the trace files a config names, the synthetic trace generator
 * and the writer of its files.
 *
 * <ul>
 *   <li>{@link io.deepedge.traces.RequestTraceReader}: one row per request ({@code time_sec} or the Azure LLM
 *       {@code TIMESTAMP}), replayed exactly as {@link io.deepedge.models.Arrivals.Recorded};</li>
 *   <li>{@link io.deepedge.traces.FunctionsTraceReader}: per-minute invocation counts in the Azure Functions 2019
 *       layout, replayed as piecewise-constant Poisson {@link io.deepedge.models.Arrivals.Steps};</li>
 *   <li>{@link io.deepedge.traces.AvailabilityTraceReader}: device down/up times as
 *       {@link io.deepedge.models.Failure}s;</li>
 *   <li>{@link io.deepedge.traces.SyntheticTrace} and {@link io.deepedge.traces.TraceWriter}: seeded synthetic
 *       load (diurnal, trend, noise, bursts) written in either request layout.</li>
 * </ul>
 *
 * <p>A malformed file never throws anything but {@link io.deepedge.traces.TraceException}, which carries every
 * problem found in one pass (the first {@link io.deepedge.traces.TraceException#MAX_PROBLEMS} listed, the rest counted) as
 * {@code FILE:LINE:COLUMN: problem (value)}; a line that is not UTF-8 is named by its line and byte offset.
 * Files are plain CSV without quoting. Depends on {@code models} only (no SSJ): the simulator replays what
 * these readers return.
 */
package io.deepedge.traces;
