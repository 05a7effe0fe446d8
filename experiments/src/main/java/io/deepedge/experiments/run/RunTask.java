package io.deepedge.experiments.run;

import io.deepedge.models.Scenario;

import java.util.Map;

/**
 * One entry of the run list.
 *
 * @param index position in the full (unsharded) run list
 * @param gridValues swept paths and values of this grid point (empty without a sweep)
 * @param scenario the grid point's scenario
 * @param policy policy id
 * @param replication 0-based replication
 * @param seed the replication's run seed, shared by every policy (common random numbers)
 * @param hostSpeed the host's work per CPU second given for the run, relative to its profiles' ({@code simulate
 *        --host-speed}, {@link io.deepedge.sim.RunSpec#hostSpeed}); NaN: drawn as usual
 */
public record RunTask(int index, Map<String, String> gridValues, Scenario scenario, String policy, int replication,
                      long seed, double hostSpeed) {
    /** A run whose host is drawn as usual. */
    public RunTask(int index, Map<String, String> gridValues, Scenario scenario, String policy, int replication,
                   long seed) {
        this(index, gridValues, scenario, policy, replication, seed, Double.NaN);
    }

    /** The same run on a host doing {@code speed} of its profiles' work per CPU second. */
    public RunTask withHostSpeed(double speed) {
        return new RunTask(index, gridValues, scenario, policy, replication, seed, speed);
    }
}
