package io.deepedge.hw.inference;

import io.deepedge.models.Arrivals;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The serving machinery - open-loop generator, FCFS worker, timestamps at the scheduled arrival - against
 * queueing theory, with the calibration busy-spin service of known duration. Three kinds of check:
 * <ul>
 *   <li>exact, on any machine: requests are stamped with their scheduled arrival, served in order, and a spin
 *       that is preempted ends late, never early, so theory with the nominal service time is a lower bound of
 *       every measured wait;</li>
 *   <li>the FCFS identity, on any machine: each request starts when it has arrived and its predecessor has
 *       ended ({@code start = max(arrival, previous end)}) plus a small dispatch delay;</li>
 *   <li>the closed-form D/D/1 growth of the wait in overload, where the worker never idles and so never waits
 *       to be woken: skipped, with the measured service times as the reason, on a machine so loaded that the
 *       calibration service itself runs 20 % slow.</li>
 * </ul>
 * How close M/D/1 waits come to the theory under load 0.5, where each request may wait to be woken, is the
 * host's wake-up latency: {@code HwBench queue} measures it.
 */
class OpenLoopServiceTest {
    /** Median dispatch delay (start minus max(arrival, previous end)) allowed: a queue hand-over, not a wake-up storm. */
    private static final double DISPATCH_MEDIAN_SEC = 0.001;

    @Test
    void dd1OverloadedWaitsGrowByTheServiceSurplusPerRequest() throws InterruptedException {
        double interarrivalSec = 0.004;
        double serviceSec = 0.005;
        int n = 60;
        List<Double> times = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            times.add(k * interarrivalSec);
        }
        List<RequestTiming> t = OpenLoopRun.run(new CalibrationService(serviceSec * 1000),
                ArrivalSchedule.of(new Arrivals.Recorded("d", times, 0), 0), 1, 2).timings();
        assertEquals(n, t.size());
        double[] increments = new double[n - 1];
        for (int k = 0; k < n; k++) {
            assertEquals(k, t.get(k).index(), "served in arrival order");
            assertEquals(times.get(k), t.get(k).arrivalSec(), 1e-9, "stamped with the scheduled arrival");
            double theory = k * (serviceSec - interarrivalSec);
            assertTrue(t.get(k).waitSec() >= theory - 1e-6, "request " + k + " waited less than D/D/1 allows");
            if (k > 0) {
                increments[k - 1] = t.get(k).waitSec() - t.get(k - 1).waitSec();
            }
        }
        assertFcfsIdentity(t);
        assumeSpinOnTime(t, serviceSec);
        // D/D/1: each request waits 1 ms (service minus interarrival) longer than the one before; the median
        // increment is immune to one preemption, which would shift every later wait by the same amount
        Arrays.sort(increments);
        assertEquals(serviceSec - interarrivalSec, increments[increments.length / 2], 0.0001,
                "median growth of the wait per request (s)");
    }

    @Test
    void md1WaitsNeverFallBelowLindleysRecursionOverTheScheduledPoissonArrivals() throws InterruptedException {
        double rate = 200;
        double serviceSec = 0.0025;
        double durationSec = 2;
        long seed = 5;
        List<RequestTiming> t = OpenLoopRun.run(new CalibrationService(serviceSec * 1000),
                ArrivalSchedule.of(new Arrivals.Poisson(rate), seed), durationSec, 5).timings();
        double[] scheduled = ArrivalSchedule.times(new Arrivals.Poisson(rate), seed, durationSec);
        double[] theory = ArrivalScheduleTest.lindleyWaits(scheduled, serviceSec);
        assertEquals(scheduled.length, t.size());
        for (int k = 0; k < scheduled.length; k++) {
            assertTrue(t.get(k).finished());
            assertEquals(scheduled[k], t.get(k).arrivalSec(), 1e-9, "stamped with the scheduled arrival");
            assertTrue(t.get(k).waitSec() >= theory[k] - 1e-6, "request " + k + " waited less than M/D/1 allows");
        }
        assertFcfsIdentity(t);
        // how far above the theory the waits lie is the host's wake-up latency and preemptions, which a later
        // disruption carries through a whole busy period: measured by HwBench queue, not asserted here (on a
        // 2-core VM the median ranged 0.25-0.40 ms run to run)
    }

    @Test
    void generatorKeepsToTheSeededScheduleWhenTheServiceFallsFarBehind() throws InterruptedException {
        // offered load 2 for 0.5 s: a closed-loop generator would end 0.5 s behind; an open-loop one keeps the schedule
        Arrivals arrivals = new Arrivals.Poisson(1000);
        long seed = 77;
        double durationSec = 0.5;
        OpenLoopRun.Outcome run = OpenLoopRun.run(new CalibrationService(2), ArrivalSchedule.of(arrivals, seed),
                durationSec, 0);
        double[] scheduled = ArrivalSchedule.times(arrivals, seed, durationSec);
        List<RequestTiming> t = new ArrayList<>(run.timings());
        t.sort(Comparator.comparingLong(RequestTiming::index));
        assertEquals(scheduled.length, t.size(), "every scheduled request was sent and is reported");
        long unfinished = t.stream().filter(r -> !r.finished()).count();
        assertTrue(unfinished > scheduled.length / 4, "the service fell behind (" + unfinished + " unfinished)");
        for (int k = 0; k < scheduled.length; k++) {
            assertEquals(k, t.get(k).index());
            assertEquals(scheduled[k], t.get(k).arrivalSec(), 1e-9, "request " + k + " stamped off schedule");
        }
        assertTrue(run.maxGeneratorLagSec() < 0.2, "generator lagged " + run.maxGeneratorLagSec() + " s");
    }

    /** start = max(arrival, previous end) + dispatch, dispatch >= 0 always and small in the median. */
    private static void assertFcfsIdentity(List<RequestTiming> t) {
        double[] dispatch = new double[t.size()];
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < t.size(); k++) {
            RequestTiming r = t.get(k);
            dispatch[k] = r.startSec() - Math.max(r.arrivalSec(), previousEnd);
            assertTrue(dispatch[k] >= -1e-9, "request " + k + " started before it arrived or its predecessor ended");
            previousEnd = r.endSec();
        }
        Arrays.sort(dispatch);
        assertTrue(dispatch[dispatch.length / 2] < DISPATCH_MEDIAN_SEC,
                "median dispatch delay " + dispatch[dispatch.length / 2] * 1000 + " ms");
    }

    /**
     * Skips the closed-form comparison when the machine could not run the spin on time: its 90th percentile 20 %
     * late, or its median more than 0.05 ms late (a steady loss of CPU, e.g. to the hypervisor, lengthens every spin
     * alike and would move the median growth of the wait by as much, past the 0.1 ms the comparison allows).
     */
    private static void assumeSpinOnTime(List<RequestTiming> t, double serviceSec) {
        double[] service = t.stream().mapToDouble(r -> r.endSec() - r.startSec()).sorted().toArray();
        double p90 = service[(int) (service.length * 0.9)];
        double median = service[service.length / 2];
        assumeTrue(p90 <= 1.2 * serviceSec && median <= serviceSec + 0.00005, String.format(java.util.Locale.ROOT,
                "CPU too busy to compare with closed-form theory: calibration service median %.3f ms, p90 %.2f ms"
                        + " for %.2f ms nominal", median * 1000, p90 * 1000, serviceSec * 1000));
    }
}
