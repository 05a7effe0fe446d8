package io.deepedge.experiments.run;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.sim.RandomStreams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                            RandomStreams.runSeed(seed, r), point.profileHost(), Double.NaN,
                            HostSpeedTrace.NONE));
                }
            }
        }
        return tasks;
    }

    /**
     * The order a testbed carries out {@code tasks} in, {@code --order interleaved}: grid point by grid point as
     * listed, and within a point replication by replication, every policy's run of a replication (one seed) before
     * the next replication's. A testbed's speed moves over minutes (the fidelity studies of 2026-12-04: the same cell
     * and seeds 26 % slower 25 minutes later); run policy by policy, each policy's runs of a point fall in their own
     * stretch of that movement and a comparison of policies reads it as theirs. Interleaved, the runs of one seed
     * lie minutes apart at most, so the policies share the machine's state as they share the seed (common random
     * numbers). Grid points stay one after another: each new LC rate has its own warm-up (the rehearsal). The tasks
     * keep their indices, so the result files list the runs in the run list's order either way.
     */
    public static List<RunTask> interleaved(List<RunTask> tasks) {
        Map<Map<String, String>, Integer> pointOrder = new LinkedHashMap<>();
        Map<String, Integer> policyOrder = new LinkedHashMap<>();
        for (RunTask t : tasks) {
            pointOrder.putIfAbsent(t.gridValues(), pointOrder.size());
            policyOrder.putIfAbsent(t.policy(), policyOrder.size());
        }
        List<RunTask> order = new ArrayList<>(tasks);
        order.sort(Comparator.<RunTask>comparingInt(t -> pointOrder.get(t.gridValues()))
                .thenComparingInt(RunTask::replication)
                .thenComparingInt(t -> policyOrder.get(t.policy())));
        return order;
    }
}
