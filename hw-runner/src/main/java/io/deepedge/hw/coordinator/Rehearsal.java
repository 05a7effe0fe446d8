package io.deepedge.hw.coordinator;

import io.deepedge.models.Scenario;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.metrics.MetricsWindow;

import java.util.List;

/**
 * What an untimed rehearsal run does before a testbed invocation's first measured run: the first run's own policy,
 * seed, arrivals and job, so that every code path a run takes (the load generators' open-loop requests and the
 * agents' queueing for them, the rounds, the parameter server, checkpoints) has been through the JIT compilers of
 * the coordinator and of every agent before any clock starts. {@link AgentWarmUp} alone left the first run of an
 * invocation 1.4-6.4 s slower than the next two (measured 2026-12-01, the light level of testbed-twin.yaml, four
 * invocations: 13.5 / 9.4 / 9.3 / 9.3 s against 6.9-7.9 s), and the policy run first paid for it; after one
 * rehearsal 0.7-1.2 s (two invocations), of which replication 0's own arrivals make ~0.2 s in the twin too.
 *
 * <p>The rehearsal's scenario is the run's without its failures (a restarted agent would be a cold JVM again), with
 * the horizon cut to {@link #MAX_SEC} after the job's submission: enough for the paths to be compiled (the agents'
 * client compiler settles in ~30 calls), not a second copy of a long run. Its results are discarded.
 */
public final class Rehearsal {
    /** How long after the job's submission (or after time 0 without a job) a rehearsal runs at most. */
    public static final int MAX_SEC = 30;

    private Rehearsal() {
    }

    /** The rehearsal of a run of {@code scenario}: no failures, the horizon cut, the LC window all of it. */
    public static Scenario of(Scenario scenario) {
        double start = scenario.job().map(TrainingJob::submitAtSec).orElse(0.0);
        double horizon = Math.min(scenario.horizonSec(), start + MAX_SEC);
        return new Scenario(scenario.experiment(), horizon, scenario.devices(), scenario.services(), scenario.job(),
                List.of(), scenario.serverLink(), scenario.monitoring(), new MetricsWindow(0, horizon));
    }
}
