package io.deepedge.sim;

/**
 * Which run of an experiment to simulate.
 *
 * @param replication 0-based replication index
 * @param seed the run seed; every policy of one replication gets the same one
 * @param hostSpeed the work per CPU second of the quota-limited devices' host in this run, relative to their
 *        profiles' figures, when it is given (a testbed run's host replayed, {@code simulate --host-speed}); NaN: drawn
 *        from the profiles' speed spread as usual (1 without one). Given, it replaces that draw; a speed trace still
 *        moves it within the run
 */
public record RunSpec(int replication, long seed, double hostSpeed) {
    /** The slowest and fastest host a run may be given, relative to its profiles' (as a speed trace's steps). */
    public static final double MIN_HOST_SPEED = 0.1;
    public static final double MAX_HOST_SPEED = 10;

    public RunSpec {
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
}
