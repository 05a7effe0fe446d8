package io.deepedge.models.profile;

import io.deepedge.models.GcPauses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's CPU over its services' rate: a power law above the idle agent, {@code idle + a rate^b}, recovered from
 * points on it, read at a run's rate (held within the points' rates: none below, at most twice above).
 */
class ServiceCpuCurveTest {
    private static final double IDLE = 0.01;
    private static final double A = 0.004;
    private static final double B = 0.8;

    private static ServiceCpuCurve onTheLaw(double... rates) {
        List<ServiceCpuCurve.Point> points = new java.util.ArrayList<>();
        for (double r : rates) {
            points.add(new ServiceCpuCurve.Point(r, IDLE + A * Math.pow(r, B)));
        }
        return new ServiceCpuCurve(points);
    }

    @Test
    void recoversThePowerLawAndReadsARequestsCpuAtTheRate() {
        ServiceCpuCurve c = onTheLaw(120, 10, 40, 80);  // any order
        // a request at 50 req/s: 4 x 50^0.8 = 91.46 ms of CPU per second over 50 requests = 1.8293 ms
        assertEquals(1000 * A * Math.pow(50, B - 1), c.fit(IDLE).orElseThrow().cpuMsPerRequestAt(50), 1e-9);
        assertEquals(1.8293, c.fit(IDLE).orElseThrow().cpuMsPerRequestAt(50), 1e-4);
        // at the points' own rates the cores come back: 0.01 + 30 x cpu(30) / 1000
        ServiceCpuCurve.Law law = c.fit(IDLE).orElseThrow();
        assertEquals(IDLE + A * Math.pow(80, B), IDLE + 80 * law.cpuMsPerRequestAt(80) / 1000, 1e-12);
        // the law's own figures are the ones the points were made with, over the points' rates
        assertEquals(A, law.coefficient(), 1e-12);
        assertEquals(B, law.exponent(), 1e-12);
        assertEquals(10, law.lowestRatePerSec());
        assertEquals(120, law.highestRatePerSec());
    }

    @Test
    void theLawIsFittedOnTheCpuSoTheLowRatePointsNoiseDoesNotTiltItAtTheTop() {
        // points on the law at 10..160 req/s, the one at 10 req/s 0.01 cores high (the idle agent's own noise: a
        // third of the CPU above idle there, under 4 % at 80 req/s and beyond)
        double[] rates = {10, 40, 80, 120, 160};
        List<ServiceCpuCurve.Point> points = new java.util.ArrayList<>();
        for (double r : rates) {
            points.add(new ServiceCpuCurve.Point(r, IDLE + A * Math.pow(r, B) + (r == 10 ? 0.01 : 0)));
        }
        ServiceCpuCurve.Law law = new ServiceCpuCurve(points).fit(IDLE).orElseThrow();
        // the least-squares criterion on the CPU: no law leaves smaller squared misses, so neither the generating
        // law nor the fit on the logarithms (worked out here by its closed form) does
        double lx = 0, ly = 0;
        for (ServiceCpuCurve.Point p : points) {
            lx += Math.log(p.ratePerSec());
            ly += Math.log(p.cores() - IDLE);
        }
        lx /= points.size();
        ly /= points.size();
        double sxy = 0, sxx = 0;
        for (ServiceCpuCurve.Point p : points) {
            sxy += (Math.log(p.ratePerSec()) - lx) * (Math.log(p.cores() - IDLE) - ly);
            sxx += Math.pow(Math.log(p.ratePerSec()) - lx, 2);
        }
        double logB = sxy / sxx;
        double logA = Math.exp(ly - logB * lx);
        double fitted = squaredMisses(points, law.coefficient(), law.exponent());
        assertTrue(fitted <= squaredMisses(points, A, B) && fitted <= squaredMisses(points, logA, logB),
                fitted + " against " + squaredMisses(points, A, B) + " and " + squaredMisses(points, logA, logB));
        // so at the top a request's CPU stays within 1 % of the generating law (1.4496 ms); on the logarithms the
        // one noisy point at 10 req/s tilted it 5.4 % low
        double truth = 1000 * A * Math.pow(160, B - 1);
        assertEquals(truth, law.cpuMsPerRequestAt(160), 0.01 * truth);
        assertEquals(-0.054, (1000 * logA * Math.pow(160, logB - 1) - truth) / truth, 0.001);
    }

    private static double squaredMisses(List<ServiceCpuCurve.Point> points, double a, double b) {
        double sum = 0;
        for (ServiceCpuCurve.Point p : points) {
            sum += Math.pow(p.cores() - IDLE - a * Math.pow(p.ratePerSec(), b), 2);
        }
        return sum;
    }

    @Test
    void theRateIsHeldWithinThePoints() {
        ServiceCpuCurve c = onTheLaw(10, 40, 80);
        // below the lowest point: the lowest point's cost, not an extrapolation towards infinity
        assertEquals(1000 * A * Math.pow(10, B - 1), c.fit(IDLE).orElseThrow().cpuMsPerRequestAt(2), 1e-9);
        // above: up to twice the highest point's rate
        assertEquals(1000 * A * Math.pow(120, B - 1), c.fit(IDLE).orElseThrow().cpuMsPerRequestAt(120), 1e-9);
        assertEquals(1000 * A * Math.pow(160, B - 1), c.fit(IDLE).orElseThrow().cpuMsPerRequestAt(500), 1e-9);
    }

    @Test
    void noCurveFromFewerThanTwoRatesAboveIdleOrAFallingOne() {
        assertFalse(ServiceCpuCurve.NONE.fit(0).isPresent());
        assertFalse(onTheLaw(40).fit(IDLE).isPresent());
        // the other points at or below the idle agent's CPU do not count
        ServiceCpuCurve oneAbove = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(5, 0.009),
                new ServiceCpuCurve.Point(10, 0.01), new ServiceCpuCurve.Point(40, 0.2)));
        assertFalse(oneAbove.fit(IDLE).isPresent());
        ServiceCpuCurve falling = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(10, 0.3),
                new ServiceCpuCurve.Point(40, 0.2)));
        assertFalse(falling.fit(IDLE).isPresent());
        ServiceCpuCurve oneRate = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(10, 0.1),
                new ServiceCpuCurve.Point(10, 0.2)));
        assertFalse(oneRate.fit(IDLE).isPresent());
    }

    @Test
    void theTwinChargesTheCurvesCpuAtTheRateInsteadOfTheProfilesOneFigure() {
        // 0.5 CPU, a 10 ms worker and a capacity of 30 ms (15 ms of CPU per request): 1.5 cores while serving
        ErrorSummary none = new ErrorSummary(0, 0, 0);
        ProfiledDevice d = new ProfiledDevice("d", 0.5, 4096, 0, 0, 0, List.of(32),
                new InterferenceModel(0, 0.001, 2, 0, 0, 2), new HeldOutErrors(none, none, none),
                List.of(new ServiceProfile("lc", "spin:10", 12, 0.5, 100, 30, 10, 0)), List.of())
                .underCpuQuota(100, 2).withIdleCpuCores(IDLE);
        ServiceProfile lc = d.services().get(0);
        assertEquals(1.5, d.twinCoresWhileServing(lc, 20), 1e-12);
        ProfiledDevice curved = d.withServiceCpu(new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(5, 0.11),
                new ServiceCpuCurve.Point(20, 0.29))));
        // above the idle agent: 0.1 cores at 5 req/s, 0.28 at 20: b = ln 2.8 / ln 4 = 0.74271, a = 0.1 / 5^b;
        // at 10 req/s a request costs 1000 a 10^(b - 1) ms of CPU, over the 10 ms worker: the cores while serving
        double b = Math.log(2.8) / Math.log(4);
        double a = 0.1 / Math.pow(5, b);
        double cpuMs = 1000 * a * Math.pow(10, b - 1);
        assertEquals(cpuMs / 10, curved.twinCoresWhileServing(lc, 10), 1e-9);
        assertEquals(cpuMs / 0.5, curved.atRate(lc, 10).capacityMs(), 1e-9);
        // the collector's share comes out of the curve's figure as out of the profile's
        ProfiledDevice paused = curved.withGcPauses(new GcPauses(0.01, 0, 1.0, 0, 0.5, 0));
        assertEquals((cpuMs - 1.5) / 10, paused.twinCoresWhileServing(lc, 10), 1e-9);
        // no rate (a service without arrivals on the device) or no curve: the profile's figure
        assertSame(lc, curved.atRate(lc, 0));
        assertEquals(1.5, d.twinCoresWhileServing(lc, 10), 1e-12);
    }
}
