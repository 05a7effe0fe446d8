package io.deepedge.sim;

import io.deepedge.models.HostSpeedTrace;

/**
 * Which run of an experiment to simulate.
 *
 * @param replication 0-based replication index
 * @param seed the run seed; every policy of one replication gets the same one
 * @param hostSpeed the work per CPU second of the quota-limited devices' host in this run, relative to their
 *        profiles' figures, when it is given (a testbed run's host replayed, {@code simulate --host-speed}); NaN: drawn
 *        from the profiles' speed spread as usual (1 without one). Given, it replaces that draw; a speed trace still
 *        moves it within the run
 * @param hostTrace that host's speed second by second from the run's time 0, relative to the profiles' figures (a
 *        testbed run's host replayed step by step, {@code simulate --host-trace}); {@link HostSpeedTrace#NONE}: none.
 *        Given, it replaces both the drawn speed and the profiles' own speed series; not with {@code hostSpeed}
 */
public record RunSpec(int replication, long seed, double hostSpeed, HostSpeedTrace hostTrace) {
    /** The slowest and fastest host a run may be given, relative to its profiles' (as a speed trace's steps). */
    public static final double MIN_HOST_SPEED = 0.1;
    public static final double MAX_HOST_SPEED = 10;

    public RunSpec {
        if (hostTrace == null) {
            hostTrace = HostSpeedTrace.NONE;
        }
        if (hostTrace.any() && !Double.isNaN(hostSpeed)) {
            throw new IllegalArgumentException("a run's host is given either as one speed or as a series, not both");
        }
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0 (" + replication + ")");
        }
        if (!Double.isNaN(hostSpeed) && !(hostSpeed >= MIN_HOST_SPEED && hostSpeed <= MAX_HOST_SPEED)) {
            throw new IllegalArgumentException("hostSpeed must be NaN (drawn) or in [" + MIN_HOST_SPEED + ", "
                    + MAX_HOST_SPEED + "], got " + hostSpeed);
        }
    }

    /** A run whose host is drawn from its profiles' speed spread. */
    public RunSpec(int replication, long seed) {
        this(replication, seed, Double.NaN);
    }

    /** A run on a host of {@code hostSpeed} (NaN: drawn), without a series. */
    public RunSpec(int replication, long seed, double hostSpeed) {
        this(replication, seed, hostSpeed, HostSpeedTrace.NONE);
    }

    /** A run on the host whose speed follows {@code hostTrace} from its time 0. */
    public static RunSpec onHostTrace(int replication, long seed, HostSpeedTrace hostTrace) {
        return new RunSpec(replication, seed, Double.NaN, hostTrace);
    }
}
