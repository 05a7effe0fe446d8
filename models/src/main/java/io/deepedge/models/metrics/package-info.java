/**
 * LC latency statistics over an experiment's metrics window, shared by every mechanism that runs a scenario
 * (the simulator now, the hardware runner later), so a simulated and a real run are judged by the same code:
 * which requests count (those that arrive within the window), requests still unfinished at its end (counted,
 * with their age as a lower bound of their latency), the co-location view (requests that arrived while the
 * job's training ran on their device), and exact nearest-rank quantiles.
 *
 * <p>Depends on the domain records of {@code io.deepedge.models} only; no clock, no I/O, no randomness.
 */
package io.deepedge.models.metrics;
