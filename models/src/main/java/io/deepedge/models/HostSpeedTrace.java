package io.deepedge.models;

import java.util.List;

/**
 * How the work per CPU second of a shared host moves within a run: a recorded series of its speed, one value per
 * {@code stepSec}, relative to the profile's figures (1 = the profile's speed). On the testbed's 2-vCPU machine a
 * memory-bound probe alone on one core ran at 0.29-1.14 of its median over one-second windows, in episodes lasting
 * from a second to forty (a neighbour on the physical host, outside the tool's reach): a service loaded near its
 * quota falls behind in a slow episode and its tail follows the episode, not the mean speed (README "The host's
 * speed within a run").
 *
 * <p>The simulator replays the series from an offset drawn per replication and host ({@code DeviceSim}), wrapping
 * around at its end, so every policy's run of a replication meets the same episodes (common random numbers).
 * {@link #NONE}: no series, the speed is constant over a run.
 *
 * @param stepSec how long each value holds, seconds, positive
 * @param speeds the host's speed over consecutive steps, each positive and finite; empty for {@link #NONE}
 */
public record HostSpeedTrace(double stepSec, List<Double> speeds) {
    /** No recorded series. */
    public static final HostSpeedTrace NONE = new HostSpeedTrace(1, List.of());
    /** The slowest and fastest speed a step may hold: a host at a tenth of its speed is down, not slow. */
    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 10;

    public HostSpeedTrace {
        Checks.positive("stepSec", stepSec);
        speeds = List.copyOf(speeds);
        for (int i = 0; i < speeds.size(); i++) {
            double s = speeds.get(i);
            if (!(s >= MIN_SPEED && s <= MAX_SPEED)) {
                throw new IllegalArgumentException("speeds[" + i + "] must be in [" + MIN_SPEED + ", " + MAX_SPEED
                        + "], got " + s);
            }
        }
    }

    /** Whether a series is recorded. */
    public boolean any() {
        return !speeds.isEmpty();
    }

    /** The series' length, seconds. */
    public double lengthSec() {
        return stepSec * speeds.size();
    }

    /** The index of the step in force {@code sec} seconds into the series (wrapping around at its end). */
    public int stepAt(double sec) {
        if (!any()) {
            throw new IllegalStateException("no speed series recorded");
        }
        long step = (long) Math.floor(sec / stepSec);
        return (int) Math.floorMod(step, (long) speeds.size());
    }

    /** The speed in force {@code sec} seconds into the series. */
    public double speedAt(double sec) {
        return speeds.get(stepAt(sec));
    }
}
