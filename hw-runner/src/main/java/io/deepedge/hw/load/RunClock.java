package io.deepedge.hw.load;

import java.time.Instant;

/**
 * A run's time origin, read once: a monotonic reading ({@code System.nanoTime()}) that every generator of the
 * run measures from, and the wall-clock time of the same instant (for reports: when the run began). Generators
 * send each scheduled arrival as Unix time ({@code scheduled_arrival_unix_nanos}) converted with a wall-clock
 * reading taken at the send. On one machine agents and generators read the same wall clock; across machines the
 * agent-side latency is off by the clocks' offset (the generator's own measurement never is).
 */
public record RunClock(long originNanos, long originUnixNanos) {
    /** The origin now. */
    public static RunClock start() {
        long before = System.nanoTime();
        Instant wall = Instant.now();
        long after = System.nanoTime();
        return new RunClock(before + (after - before) / 2, wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
    }

    /** Seconds since the origin of a {@code System.nanoTime()} reading. */
    public double sec(long nanos) {
        return (nanos - originNanos) / 1e9;
    }

    /** The monotonic reading {@code sec} seconds after the origin. */
    public long nanosAt(double sec) {
        return originNanos + Math.round(sec * 1e9);
    }

    /** The Unix time in nanoseconds of a {@code System.nanoTime()} reading. */
    public long unixNanos(long nanos) {
        return originUnixNanos + (nanos - originNanos);
    }
}
