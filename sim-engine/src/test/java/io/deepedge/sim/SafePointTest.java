package io.deepedge.sim;

import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.Decision;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.Trigger;
import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Event;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plans decided while the job runs take over at the next safe point, and are valid when they do; a rollback
 * loses all computation since the committed state. Two devices at 100 samples/s, no LC load, free
 * synchronisation and transfers: a job of 12,000 samples in batches of 60 takes 0.6 s an iteration on one device,
 * 0.3 s on both, so every expected time below is arithmetic.
 */
class SafePointTest {
    private static final double EPS = 1e-6;

    private static TrainingJob job(double checkpointEverySec) {
        return new TrainingJob("t", 12_000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, checkpointEverySec, 0);
    }

    /** Runs the scenario, calling {@code loadChanged} on the job at each of {@code loadChangesAtSec}. */
    private static RunResult run(Scenario s, SchedulingPolicy policy, double... loadChangesAtSec) {
        return SimulationRun.simulate(s, policy, new RunSpec(0, 1), new HeapEventList(), run -> {
            for (double at : loadChangesAtSec) {
                new Event(run.simulator()) {
                    @Override
                    public void actions() {
                        run.training().orElseThrow().loadChanged();
                    }
                }.schedule(at);
            }
        });
    }

    @Test
    void pendingPlanIsReplannedWhenOneOfItsDevicesFailsBeforeItTakesOver() {
        // a alone at submission; the load change at 12 s plans a+b, to take over at the checkpoint after 20 s;
        // b fails for good at 15 s: that plan is void, the policy is asked again and keeps a alone
        SchedulingPolicy policy = new ScriptedPolicy(r -> r.trigger() == Trigger.JOB_SUBMITTED
                ? ScriptedPolicy.equalOver(r, "a") : ScriptedPolicy.equalOver(r, "a", "b"));
        Scenario s = Scenarios.builder().device("a", 100).device("b", 100).job(job(20))
                .failure("b", 15, Double.POSITIVE_INFINITY).build();
        RunResult r = run(s, policy, 12);
        // 200 iterations of 0.6 s on a alone; b never computes while down
        assertEquals(120.0, r.retrainTimeSec(), EPS);
        assertEquals("a:12000", r.finalPlan());
        assertEquals(2, r.replans());
        assertEquals(0.0, r.workLostSec(), EPS);
        assertEquals(12_000, r.samplesTrained());
    }

    @Test
    void recoveredDeviceIsOfferedAtTheNextIterationBoundaryWithoutCheckpoints() {
        // b fails at 5 s: everything is lost (no checkpoints), a restarts alone; b is back at 10 s and joins at the
        // next iteration boundary, 5 + 9 x 0.6 = 10.4 s, when 540 samples are done; the 11,460 left take
        // 191 iterations of 30 + 30 samples, 0.3 s each: finished at 10.4 + 57.3 = 67.7 s
        Scenario s = Scenarios.builder().device("a", 100).device("b", 100).job(job(0)).failure("b", 5, 5).build();
        RunResult r = run(s, PolicyRegistry.get("throughput-proportional"));
        assertEquals(67.7, r.retrainTimeSec(), EPS);
        assertEquals("a:6000;b:6000", r.finalPlan());
        assertEquals(2, r.replans());
        assertEquals(5.0, r.workLostSec(), EPS);
        assertEquals(12_000, r.samplesTrained());
    }

    @Test
    void workLostCountsComputationBeforeAndAfterAParkWithoutCheckpoints() {
        // parked at the iteration boundary after the load change at 20.1 s (20.4 s, 34 iterations done), resumed
        // at 50 s, a fails at 70 s: without checkpoints the job restarts from scratch, losing the 20.4 s before
        // the park and the 20 s after it; a is back at 80 s and trains the job from scratch in 120 s
        SchedulingPolicy policy = new ScriptedPolicy(r -> r.trigger() == Trigger.LOAD_CHANGED && r.nowSec() < 30
                ? new Decision.Postpone("test: park") : ScriptedPolicy.equalOver(r, "a"));
        Scenario s = Scenarios.builder().device("a", 100).job(job(0)).failure("a", 70, 10).build();
        RunResult r = run(s, policy, 20.1, 50);
        assertEquals(40.4, r.workLostSec(), EPS);
        assertEquals(200.0, r.retrainTimeSec(), EPS);
        assertEquals(12_000, r.samplesTrained());
    }
}
