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
 */
public record RunTask(int index, Map<String, String> gridValues, Scenario scenario, String policy, int replication,
                      long seed) {
}
