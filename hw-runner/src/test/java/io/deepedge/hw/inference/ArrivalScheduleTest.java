package io.deepedge.hw.inference;

import io.deepedge.models.Arrivals;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arrival schedules are exact functions of their seed and have the statistics of the process they claim. */
class ArrivalScheduleTest {
    @Test
    void poissonTimesAreCumulativeExponentialDrawsOfTheSeedsStream() {
        double rate = 37.5;
        long seed = 2024;
        double[] times = ArrivalSchedule.times(new Arrivals.Poisson(rate), seed, 50);
        // independent computation of the documented contract
        SplittableRandom rng = new SplittableRandom(seed);
        double t = 0;
        for (double actual : times) {
            t += -Math.log(1 - rng.nextDouble()) / rate;
            assertEquals(t, actual, 1e-12 * t);
        }
        assertTrue(times.length > 1500, "about 1875 arrivals in 50 s");
        t += -Math.log(1 - rng.nextDouble()) / rate;
        assertTrue(t >= 50, "the next draw would fall after the limit, so none is missing");
    }

    @Test
    void sameSeedSameTimesOtherSeedOtherTimes() {
        Arrivals a = new Arrivals.Poisson(10);
        assertArrayEquals(ArrivalSchedule.times(a, 1, 100), ArrivalSchedule.times(a, 1, 100), 0);
        assertFalse(java.util.Arrays.equals(ArrivalSchedule.times(a, 1, 100), ArrivalSchedule.times(a, 2, 100)));
        assertTrue(ArrivalSchedule.streamSeed(1, "arrivals/a/x") != ArrivalSchedule.streamSeed(1, "arrivals/a/y"));
        assertEquals(ArrivalSchedule.streamSeed(5, "n"), ArrivalSchedule.streamSeed(5, "n"));
    }

    @Test
    void stepsFollowTheirRatesAndAZeroRateStepHasNoArrivals() {
        Arrivals steps = new Arrivals.Steps(List.of(new Arrivals.Step(0, 50), new Arrivals.Step(100, 0),
                new Arrivals.Step(150, 200)));
        double[] times = ArrivalSchedule.times(steps, 11, 250);
        int first = count(times, 0, 100);
        int gap = count(times, 100, 150);
        int last = count(times, 150, 250);
        assertEquals(0, gap);
        // Poisson counts: mean 5,000 and 20,000, within 4 standard deviations
        assertEquals(5000, first, 4 * Math.sqrt(5000));
        assertEquals(20000, last, 4 * Math.sqrt(20000));
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] > times[i - 1]);
        }
    }

    @Test
    void aFinalZeroRateStepEndsTheSchedule() {
        ArrivalSchedule s = ArrivalSchedule.of(new Arrivals.Steps(List.of(new Arrivals.Step(0, 100),
                new Arrivals.Step(1, 0))), 3);
        double t;
        int n = 0;
        while ((t = s.nextSec()) < Double.POSITIVE_INFINITY) {
            assertTrue(t < 1);
            n++;
        }
        assertTrue(n > 50);
        assertEquals(Double.POSITIVE_INFINITY, s.nextSec());
    }

    @Test
    void recordedTimesReplayExactlyAndRepeatWithTheirPeriod() {
        assertArrayEquals(new double[] {0.1, 0.5}, ArrivalSchedule.times(
                new Arrivals.Recorded("t", List.of(0.1, 0.5), 0), 0, 10), 0);
        assertArrayEquals(new double[] {0.1, 0.5, 1.1, 1.5, 2.1, 2.5}, ArrivalSchedule.times(
                new Arrivals.Recorded("t", List.of(0.1, 0.5), 1), 0, 3), 1e-12);
    }

    @Test
    void md1LindleyWaitOfTheScheduleMatchesPollaczekKhinchine() {
        // the generator's arrivals are Poisson: a deterministic server fed with them waits as M/D/1 theory says
        double rate = 200;
        double serviceSec = 0.0025;
        double rho = rate * serviceSec;
        double[] times = ArrivalSchedule.times(new Arrivals.Poisson(rate), 99, 2000);
        double[] waits = lindleyWaits(times, serviceSec);
        double mean = java.util.Arrays.stream(waits).average().orElseThrow();
        double theory = rho * serviceSec / (2 * (1 - rho));
        // 400,000 arrivals: the batch-means standard error is about 1 % of the mean here
        assertEquals(theory, mean, 0.05 * theory);
    }

    /** Waiting times of a FCFS single server with constant service, by Lindley's recursion. */
    static double[] lindleyWaits(double[] arrivals, double serviceSec) {
        double[] w = new double[arrivals.length];
        for (int k = 1; k < arrivals.length; k++) {
            w[k] = Math.max(0, w[k - 1] + serviceSec - (arrivals[k] - arrivals[k - 1]));
        }
        return w;
    }

    private static int count(double[] times, double from, double to) {
        int n = 0;
        for (double t : times) {
            if (t >= from && t < to) {
                n++;
            }
        }
        return n;
    }

    @Test
    void givenTimesAreReplayedExactlyThenNoMore() {
        double[] times = {0.1, 0.1 + 1e-12, 0.30000000000000004, 7.25};
        ArrivalSchedule s = ArrivalSchedule.ofTimes(times);
        for (double t : times) {
            assertEquals(t, s.nextSec(), 0.0);
        }
        assertEquals(Double.POSITIVE_INFINITY, s.nextSec());
        assertThrows(IllegalArgumentException.class, () -> ArrivalSchedule.ofTimes(new double[] {2, 1}));
    }
}
