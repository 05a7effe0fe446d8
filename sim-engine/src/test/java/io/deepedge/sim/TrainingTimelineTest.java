package io.deepedge.sim;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.RunResult;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.timeline.TimelineInterval;
import io.deepedge.models.timeline.TrainingState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated training timeline (timeline.csv) against the analytic job: constant compute, no LC. */
class TrainingTimelineTest {
    /** a: 100 samples/s, b: 50 samples/s, c: not planned. D = 1200, E = 2, B = 60: 40 iterations, 30 + 30 each. */
    private static Scenarios cluster(double checkpointEverySec, double submitAtSec) {
        return Scenarios.builder().device("a", 100).device("b", 50).device("c", 400)
                .job(new TrainingJob("test", 1200, 2, 60, 1_000_000, 1000, Topology.PARAMETER_SERVER,
                        checkpointEverySec, submitAtSec));
    }

    private static final Plan EQUAL_AB = new Plan(List.of(new Assignment("a", 600), new Assignment("b", 600)));

    private static RunResult run(Scenarios s, int replication) {
        return SimulationRun.simulate(s.build(), new FixedPlanPolicy(EQUAL_AB), new RunSpec(replication, 11));
    }

    private static Map<String, List<TimelineInterval>> byDevice(RunResult r) {
        Map<String, List<TimelineInterval>> map = new LinkedHashMap<>();
        for (TimelineInterval i : r.timeline()) {
            map.computeIfAbsent(i.device(), d -> new ArrayList<>()).add(i);
        }
        return map;
    }

    private static double total(List<TimelineInterval> intervals, TrainingState state) {
        return intervals.stream().filter(i -> i.state() == state).mapToDouble(TimelineInterval::lengthSec).sum();
    }

    /** Each device's intervals follow one another without gap or overlap from {@code fromSec} to {@code toSec}. */
    private static void coversExactly(List<TimelineInterval> intervals, double fromSec, double toSec) {
        assertEquals(fromSec, intervals.get(0).fromSec(), 1e-12);
        for (int k = 1; k < intervals.size(); k++) {
            assertEquals(intervals.get(k - 1).toSec(), intervals.get(k).fromSec(), 0.0, "gap or overlap at " + k);
            assertTrue(intervals.get(k - 1).state() != intervals.get(k).state(), "same state twice in a row at " + k);
        }
        assertEquals(toSec, intervals.get(intervals.size() - 1).toSec(), 1e-12);
    }

    @Test
    void intervalsAreDisjointCoverTheJobAndComputeMatchesSamplesOverThroughput() {
        double submitSec = 3;
        RunResult r = run(cluster(5, submitSec), 0);
        assertTrue(r.finished());
        double endSec = submitSec + r.retrainTimeSec();
        Map<String, List<TimelineInterval>> devices = byDevice(r);
        assertEquals(List.of("a", "b", "c"), List.copyOf(devices.keySet()));
        devices.values().forEach(list -> coversExactly(list, submitSec, endSec));
        // 600 samples an epoch, 2 epochs: a computes 1200 / 100 s, b 1200 / 50 s; a waits for b 0.6 - 0.3 s an iteration
        assertEquals(12.0, total(devices.get("a"), TrainingState.COMPUTE), 1e-9);
        assertEquals(24.0, total(devices.get("b"), TrainingState.COMPUTE), 1e-9);
        assertEquals(40 * 0.3, total(devices.get("a"), TrainingState.BARRIER), 1e-9);
        assertEquals(0.0, total(devices.get("b"), TrainingState.BARRIER), 1e-9);
        // both wait for the same transfers, syncs and checkpoints
        for (TrainingState s : List.of(TrainingState.TRANSFER, TrainingState.SYNC, TrainingState.CHECKPOINT)) {
            double t = total(devices.get("a"), s);
            assertTrue(t > 0, s + " recorded");
            assertEquals(t, total(devices.get("b"), s), 1e-9, s.id());
        }
        // the job's time is all in the planned devices' states: compute + barrier + the rest = the span
        assertEquals(r.retrainTimeSec(), devices.get("a").stream().mapToDouble(TimelineInterval::lengthSec).sum(), 1e-9);
        assertEquals(List.of(new TimelineInterval("c", TrainingState.IDLE, submitSec, endSec)), devices.get("c"));
    }

    @Test
    void freeSynchronisationLeavesOneComputeIntervalPerDeviceAlone() {
        // one device, parameterBytes 0: sync and barrier take no time, so the device computes without a break
        var s = Scenarios.builder().device("a", 100).job(1200, 2, 60, 0, Topology.PARAMETER_SERVER);
        RunResult r = SimulationRun.simulate(s.build(), new FixedPlanPolicy(new Plan(List.of(new Assignment("a", 1200)))),
                new RunSpec(0, 3));
        assertEquals(List.of(new TimelineInterval("a", TrainingState.COMPUTE, 0, r.retrainTimeSec())), r.timeline());
        assertEquals(24.0, r.retrainTimeSec(), 1e-9);
    }

    @Test
    void aFailedDeviceIsFailedWhileDownAndOnlyReplicationZeroRecords() {
        Scenarios s = cluster(0, 0).failure("c", 4, 6);
        RunResult r = run(s, 0);
        List<TimelineInterval> c = byDevice(r).get("c");
        assertEquals(List.of(new TimelineInterval("c", TrainingState.IDLE, 0, 4),
                new TimelineInterval("c", TrainingState.FAILED, 4, 10),
                new TimelineInterval("c", TrainingState.IDLE, 10, r.retrainTimeSec())), c);
        byDevice(r).values().forEach(list -> coversExactly(list, 0, r.retrainTimeSec()));
        assertEquals(List.of(), run(s, 1).timeline());
    }
}
