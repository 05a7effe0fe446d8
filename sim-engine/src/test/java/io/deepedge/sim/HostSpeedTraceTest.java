package io.deepedge.sim;

import io.deepedge.models.ColocationTerms;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.RunResult;
import org.junit.jupiter.api.Test;
import umontreal.ssj.probdist.NormalDist;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's speed within a run ({@link CpuQuota#speedTrace}): the twin replays the recorded series from an offset
 * drawn per replication and host, and every piece of a device's work goes at the step in force.
 */
class HostSpeedTraceTest {
    private static final double PERIOD_SEC = 0.1;
    /** Ten seconds at twice the profile's speed, ten at half of it, five at the profile's. */
    private static final HostSpeedTrace TRACE = new HostSpeedTrace(5, List.of(2.0, 2.0, 0.5, 0.5, 1.0));

    private static CpuQuota quota(double cpus, int hostCores, double spread, HostSpeedTrace trace) {
        return new CpuQuota(cpus, 100, hostCores, 0, ColocationTerms.NONE, spread, trace);
    }

    /**
     * When {@code workSec} of the profile's work is done by one training thread under a 0.5-CPU quota, replayed by
     * hand, independently of the simulator: the thread runs at twice the profile's average rate (its 0.5 average
     * cores' work in each second it runs) times the series' speed, from the start until the first refill at
     * {@code phase} of a period or the initial 50 ms budget is spent, and for 50 ms from every refill; the series
     * starts {@code offsetSec} into {@code speeds} (steps of {@code stepSec}, wrapping around), times the run's
     * {@code runSpeed}.
     */
    private static double finishSec(double workSec, double phase, double offsetSec, double stepSec,
                                    double[] speeds, double runSpeed) {
        double left = workSec;
        double firstRefillSec = phase * PERIOD_SEC;
        for (int k = -1; ; k++) {
            double from = k < 0 ? 0 : firstRefillSec + k * PERIOD_SEC;
            double to = k < 0 ? Math.min(0.05, firstRefillSec) : from + 0.05;
            double t = from;
            while (t < to) {
                double series = offsetSec + t;
                int step = (int) Math.floorMod((long) Math.floor(series / stepSec), (long) speeds.length);
                double stepEnd = t + (stepSec - (series - Math.floor(series / stepSec) * stepSec));
                double end = Math.min(to, stepEnd);
                double rate = 2 * runSpeed * speeds[step];
                if (left <= (end - t) * rate + 1e-9) {  // a tie ends the work in this window, as in the simulator
                    return t + Math.min(left / rate, end - t);
                }
                left -= (end - t) * rate;
                t = end;
            }
        }
    }

    @Test
    void trainingAloneFollowsTheSeriesFromTheOffsetItsHostDrewWithTheSameBudget() {
        // Training alone at 0.5 CPU spends every period's budget: its 100 s of work is done when the series' speeds,
        // replayed from the offset drawn as the twin is specified to draw it (u x the series' 25 s, from the host's
        // own stream) over the periods' running halves (their phase from the device's own stream), times the run's
        // draw exp(-0.1 z) (z from the host's stream, as without a series), add up to 100 s; by 50 s it has used 25 CPU
        // seconds whatever the speeds.
        double[] speeds = {2.0, 2.0, 0.5, 0.5, 1.0};
        for (long seed : new long[] {3, 4, 5, 6, 7}) {
            double offset = new RandomStreams(seed).stream("host-speed-trace:2").nextDouble() * 25;
            double phase = new RandomStreams(seed).stream("cfs-phase:a").nextDouble();
            double run = Math.exp(-0.1 * NormalDist.inverseF01(
                    new RandomStreams(seed).stream("host-speed:2").nextDouble()));
            List<Double> cpu = new ArrayList<>();
            RunResult r = HostSpeedTest.trainAlone(quota(0.5, 2, 0.1, TRACE), seed, cpu);
            assertEquals(finishSec(100, phase, offset, 5, speeds, run), r.retrainTimeSec(), 1e-6,
                    "seed " + seed + ", offset " + offset + ", run's speed " + run);
            assertEquals(25, cpu.get(0), 0.5 * PERIOD_SEC, "seed " + seed);
            // without the spread, the series alone
            assertEquals(finishSec(100, phase, offset, 5, speeds, 1), HostSpeedTest.trainAlone(quota(0.5, 2, 0, TRACE), seed,
                    new ArrayList<>()).retrainTimeSec(), 1e-6, "seed " + seed);
        }
        // over a whole number of cycles the mean speed is (2 + 2 + 0.5 + 0.5 + 1) / 5 = 1.2: 100 s of work within
        // [100 / 2 s, 100 / 0.5 s] and never the constant-speed 100 s for this series' offsets
        double t = HostSpeedTest.trainAlone(quota(0.5, 2, 0, TRACE), 3, new ArrayList<>()).retrainTimeSec();
        assertTrue(t > 50 && t < 200 && Math.abs(t - 100) > 1, "" + t);
    }

    @Test
    void aFlatSeriesIsTheProfilesSpeed() {
        HostSpeedTrace flat = new HostSpeedTrace(0.5, List.of(1.0, 1.0, 1.0));
        assertEquals(100, HostSpeedTest.trainAlone(quota(0.5, 2, 0, flat), 3, new ArrayList<>()).retrainTimeSec(), PERIOD_SEC);
    }

    @Test
    void devicesOfOneHostReplayTheSameStepsAndEveryPolicyOfAReplicationMeetsThem() {
        RandomStreams run = new RandomStreams(42);
        double bigOffset = DeviceSim.speedTraceOffsetSec(quota(0.6, 2, 0, TRACE), run);
        assertEquals(bigOffset, DeviceSim.speedTraceOffsetSec(quota(0.15, 2, 0, TRACE), run), 0);
        assertEquals(bigOffset, DeviceSim.speedTraceOffsetSec(quota(0.6, 2, 0, TRACE), new RandomStreams(42)), 0);
        assertNotEquals(bigOffset, DeviceSim.speedTraceOffsetSec(quota(0.6, 2, 0, TRACE), new RandomStreams(43)));
        // the run's draw is the same with a series or without one (the series multiplies it)
        assertEquals(DeviceSim.hostSpeed(quota(0.6, 2, 0.07, HostSpeedTrace.NONE), run),
                DeviceSim.hostSpeed(quota(0.6, 2, 0.07, TRACE), run), 0);
        // without a series the run-to-run draw as before, and nothing without a modelled quota
        assertNotEquals(1.0, DeviceSim.hostSpeed(quota(0.6, 2, 0.07, HostSpeedTrace.NONE), run));
        assertEquals(1.0, DeviceSim.hostSpeed(CpuQuota.NONE, run), 0);
    }

    @Test
    void theSeriesWrapsAroundAndRefusesSpeedsOutsideItsBoundsNamingTheStep() {
        HostSpeedTrace t = new HostSpeedTrace(1, List.of(0.9, 1.1, 1.3));
        assertEquals(0.9, t.speedAt(3.5));
        assertEquals(1.3, t.speedAt(-0.5));
        assertEquals(1.1, t.speedAt(1.0));
        assertEquals(3.0, t.lengthSec());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HostSpeedTrace(1, List.of(1.0, 0.05)));
        assertTrue(e.getMessage().contains("speeds[1]") && e.getMessage().contains("0.05"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HostSpeedTrace(0, List.of(1.0)));
        assertThrows(IllegalArgumentException.class, () -> new HostSpeedTrace(1, List.of(Double.NaN)));
    }
}
