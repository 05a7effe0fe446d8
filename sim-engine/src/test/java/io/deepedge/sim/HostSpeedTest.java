package io.deepedge.sim;

import io.deepedge.models.ColocationTerms;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.RunResult;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import umontreal.ssj.probdist.NormalDist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's speed from run to run ({@link CpuQuota#speedSpread}): each replication draws one work-per-CPU-second
 * factor per host, its devices' work goes at it, and the budget stays what the quota gives.
 */
class HostSpeedTest {
    private static final double PERIOD_SEC = 0.1;

    private static CpuQuota quota(double cpus, int hostCores, double spread) {
        return new CpuQuota(cpus, 100, hostCores, 0, ColocationTerms.NONE, spread);
    }

    /** One device training 100,000 samples alone at 1,000 samples/s (its profiled, averaged figure): 100 s. */
    static RunResult trainAlone(CpuQuota q, long seed, List<Double> cpuSecAt50) {
        var s = Scenarios.builder().device("a", 1000, q)
                .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(400).build();
        return SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, seed),
                new HeapEventList(), run -> CpuQuotaTest.at(run, 50,
                        () -> cpuSecAt50.add(run.devices().get("a").cpuSecUsed())));
    }

    @Test
    void aRunOnASlowerHostTakesItsWorkOverTheSpeedItDrewWithTheSameBudget() {
        // The run's factor, drawn here as the twin is specified to draw it: z from the host's own stream (the host of
        // 2 cores), speed exp(-0.1 z). Training alone at 0.5 CPU spends every period's budget, so 100 s of work at
        // the profile's speed takes 100 / speed, to within a period, and uses 25 CPU seconds by 50 s either way.
        for (long seed : new long[] {3, 4, 5, 6}) {
            double z = NormalDist.inverseF01(new RandomStreams(seed).stream("host-speed:2").nextDouble());
            double speed = Math.exp(-0.1 * z);
            List<Double> cpu = new ArrayList<>();
            RunResult r = trainAlone(quota(0.5, 2, 0.1), seed, cpu);
            assertEquals(100 / speed, r.retrainTimeSec(), PERIOD_SEC, "seed " + seed + ", speed " + speed);
            assertEquals(25, cpu.get(0), 0.5 * PERIOD_SEC, "seed " + seed);
        }
        // without a spread the same seeds train at the profile's speed
        assertEquals(100, trainAlone(quota(0.5, 2, 0), 3, new ArrayList<>()).retrainTimeSec(), PERIOD_SEC);
    }

    @Test
    void overManyRunsTheTimesSpreadAsTheProfileSaysAboutTheProfilesFigure() {
        // log(time) = log(100) + 0.1 z within a period (1e-3 of it): over 400 seeds its standard deviation is 0.1
        // within the sample's own spread (standard error 0.1 / sqrt(2 x 399) = 0.0035; 0.015 is over four of them)
        // and its median 100 s (the median of z is 0; standard error of the sample median about 1.25 x 0.1 / 20 =
        // 0.0063 in logs; 0.03 is over four)
        int n = 400;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(trainAlone(quota(0.5, 2, 0.1), 1000 + i, new ArrayList<>()).retrainTimeSec());
        }
        double mean = java.util.Arrays.stream(logs).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / (n - 1));
        assertEquals(0.1, sd, 0.015);
        double[] sorted = logs.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(Math.log(100), (sorted[n / 2 - 1] + sorted[n / 2]) / 2, 0.03);
    }

    /**
     * A testbed run's host replayed second by second ({@link RunSpec#hostTrace}): training alone at 0.5 CPU, 100 s of
     * work at the profile's speed, on a host at the profile's speed for the first 50 s and twice it from there: 50 s
     * of work done by 50 s, the other 50 at twice the speed take 25 s, 75 s in all (within a period). The series
     * replaces the run's drawn speed: the same with a spread of 0.1 in the profile, where the draw alone moves the time
     * (the first test).
     */
    @Test
    void aRunOnAReplayedSeriesFollowsItsStepsAndDrawsNoSpeed() {
        List<Double> speeds = new ArrayList<>(Collections.nCopies(5, 1.0));
        speeds.addAll(Collections.nCopies(10, 2.0));
        HostSpeedTrace series = new HostSpeedTrace(10, speeds);
        for (double spread : new double[] {0, 0.1}) {
            var s = Scenarios.builder().device("a", 1000, quota(0.5, 2, spread))
                    .job(new TrainingJob("t", 100_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                    .horizon(400).build();
            RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"),
                    RunSpec.onHostTrace(0, 3, series));
            assertEquals(75, r.retrainTimeSec(), PERIOD_SEC, "spread " + spread);
        }
        // one speed and a series for the same run cannot both hold
        assertThrows(IllegalArgumentException.class, () -> new RunSpec(0, 3, 1.0, series));
    }

    @Test
    void devicesOfOneHostMoveTogetherAndEveryPolicyOfAReplicationMeetsTheSameHost() {
        RandomStreams run = new RandomStreams(42);
        double big = DeviceSim.hostSpeed(quota(0.6, 2, 0.07), run);
        double small = DeviceSim.hostSpeed(quota(0.15, 2, 0.07), run);
        assertEquals(big, small, 0);
        assertNotEquals(1.0, big);
        // another policy's run of the replication: a fresh set of streams from the same run seed
        assertEquals(big, DeviceSim.hostSpeed(quota(0.6, 2, 0.07), new RandomStreams(42)), 0);
        // another host (the twin's hosts are told apart by their core count), another draw
        assertNotEquals(big, DeviceSim.hostSpeed(quota(0.6, 4, 0.07), run));
        // none without a spread or without a modelled quota
        assertEquals(1.0, DeviceSim.hostSpeed(quota(0.6, 2, 0), run), 0);
        assertEquals(1.0, DeviceSim.hostSpeed(CpuQuota.NONE, run), 0);
    }

    @Test
    void aSpreadOutsideZeroToOneIsRefusedNamingIt() {
        for (double bad : new double[] {-0.01, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> quota(0.6, 2, bad));
            assertTrue(e.getMessage().contains("speedSpread"), e.getMessage());
        }
    }
}
