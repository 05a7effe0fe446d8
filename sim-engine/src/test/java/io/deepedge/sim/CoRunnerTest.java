package io.deepedge.sim;

import io.deepedge.models.ColocationTerms;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.RunResult;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Devices that slow each other down ({@link ColocationTerms#coRunnerSpeed}): a device's work goes slower per CPU
 * second while other devices' work runs on the host's other cores, by the share of them it uses, and its CPU a
 * sample grows by as much. Every expected figure below is worked out by hand from the profiled throughputs.
 */
class CoRunnerTest {
    private static final TrainingJob JOB = new TrainingJob("t", 10_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0);

    private static CpuQuota quota(int hostCores, double coRunnerSpeed) {
        return new CpuQuota(1.0, 100, hostCores, 0, new ColocationTerms(1, 1, 1, coRunnerSpeed));
    }

    private static RunResult equalSplit(double aSamplesPerSec, double bSamplesPerSec, int hostCores, double speed) {
        var s = Scenarios.builder().device("a", aSamplesPerSec, quota(hostCores, speed))
                .device("b", bSamplesPerSec, quota(hostCores, speed)).job(JOB).horizon(100).build();
        return SimulationRun.simulate(s, PolicyRegistry.get("equal-split"), new RunSpec(0, 3));
    }

    @Test
    void devicesComputingSideBySideGoAtTheirCoRunnerSpeed() {
        // two devices at 1.0 CPU (one thread, never throttled), 50 samples each per iteration at 1,000 samples/s:
        // 0.05 s alone. On 2 cores each runs beside the other's whole core: at 0.8, 0.0625 s, so 100 iterations take
        // 1.25 s longer, and a sample costs 1 / 0.8 = 1.25 ms of CPU. On 3 cores the other device fills half of the
        // 2 other cores: CPU a unit of work 1 + (1 / 0.8 - 1) x 0.5 = 1.125, 0.05625 s, 0.625 s longer. On one core
        // they take turns (half the core each): nothing runs beside either, the term changes nothing.
        double[][] coresLongerMsPerSample = {{2, 1.25, 1.25}, {3, 0.625, 1.125}, {1, 0, 1.0}};
        for (double[] c : coresLongerMsPerSample) {
            int cores = (int) c[0];
            RunResult without = equalSplit(1000, 1000, cores, 1);
            RunResult with = equalSplit(1000, 1000, cores, 0.8);
            assertEquals(c[1], with.retrainTimeSec() - without.retrainTimeSec(), 1e-6, cores + " cores");
            for (String d : new String[] {"a", "b"}) {
                assertEquals(5_000, with.trainingCpu().get(d).samples());
                assertEquals(c[2], with.trainingCpu().get(d).msPerSample(), 1e-9, d + ", " + cores + " cores");
                assertEquals(1.0, without.trainingCpu().get(d).msPerSample(), 1e-9, d + ", " + cores + " cores");
            }
        }
    }

    @Test
    void theSlowerDeviceSpeedsUpOnceTheOtherHasFinished() {
        // a at 1,000 samples/s and b at 500 split each iteration's 100 samples equally. Alone a takes 0.05 s and b
        // 0.1 s. Beside each other at 0.8: a finishes its 50 at 0.0625 s, when b has done 0.0625 x 0.8 x 500 = 25;
        // b's other 25 alone take 0.05 s: done at 0.1125 s, 0.0125 s later than without the term, 1.25 s over the
        // 100 iterations. a's CPU a sample 0.0625 / 50 = 1.25 ms; b's 0.1125 / 50 = 2.25 ms (2 alone).
        RunResult without = equalSplit(1000, 500, 2, 1);
        RunResult with = equalSplit(1000, 500, 2, 0.8);
        assertEquals(1.25, with.retrainTimeSec() - without.retrainTimeSec(), 1e-6);
        assertEquals(1.25, with.trainingCpu().get("a").msPerSample(), 1e-9);
        assertEquals(2.25, with.trainingCpu().get("b").msPerSample(), 1e-9);
        assertEquals(2.0, without.trainingCpu().get("b").msPerSample(), 1e-9);
    }

    @Test
    void aDeviceTrainingAloneOnItsHostIsNotSlowed() {
        // fastest-single trains on a alone: b runs nothing (no idle process, no service), so a's work keeps its
        // profiled speed, 1 ms of CPU a sample, even at a co-runner speed of 0.5
        var with = Scenarios.builder().device("a", 1000, quota(2, 0.5)).device("b", 100, quota(2, 0.5)).job(JOB)
                .horizon(100).build();
        var without = Scenarios.builder().device("a", 1000, quota(2, 1)).device("b", 100, quota(2, 1)).job(JOB)
                .horizon(100).build();
        RunResult r = SimulationRun.simulate(with, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        RunResult r0 = SimulationRun.simulate(without, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        assertEquals(r0.retrainTimeSec(), r.retrainTimeSec(), 1e-9);
        assertEquals(1.0, r.trainingCpu().get("a").msPerSample(), 1e-9);
    }
}
