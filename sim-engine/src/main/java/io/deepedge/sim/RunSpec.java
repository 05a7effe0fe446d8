package io.deepedge.sim;

/**
 * Which run of an experiment to simulate.
 *
 * @param replication 0-based replication index
 * @param seed the run seed; every policy of one replication gets the same one
 */
public record RunSpec(int replication, long seed) {
    public RunSpec {
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0 (" + replication + ")");
        }
    }
}
