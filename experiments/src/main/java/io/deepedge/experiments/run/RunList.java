package io.deepedge.experiments.run;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.sim.RandomStreams;

import java.util.ArrayList;
import java.util.List;

/** Builds the run list of an experiment: grid point, then policy (config order), then replication. */
public final class RunList {
    private RunList() {
    }

    public static List<RunTask> of(ExperimentConfig config, List<String> policies, int replications, long seed) {
        List<RunTask> tasks = new ArrayList<>();
        for (GridPoint point : config.gridPoints()) {
            for (String policy : policies) {
                for (int r = 0; r < replications; r++) {
                    tasks.add(new RunTask(tasks.size(), point.values(), point.scenario(), policy, r,
                            RandomStreams.runSeed(seed, r)));
                }
            }
        }
        return tasks;
    }
}
