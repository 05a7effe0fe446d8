package io.deepedge.models.profile;

import io.deepedge.models.GcPauses;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's CPU over its services' rate: above the idle agent a power law whose exponent may change with the rate,
 * {@code idle + exp(p0 + p1 x + p2 x^2)}, {@code x = ln rate}, recovered from points on it (the plain law {@code idle +
 * a rate^b} too), fitted by relative least squares on the CPU, read at a run's rate (held within the points' rates:
 * none below, at most twice above on the curve's own slope at the top).
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
        assertEquals(0, law.curvature(), 1e-12);
        assertEquals(10, law.lowestRatePerSec());
        assertEquals(120, law.highestRatePerSec());
    }

    /** The bending curve's CPU above the idle agent at {@code rate}: {@code exp(p0 + p1 x + p2 x^2)}. */
    private static double bent(double rate, double p0, double p1, double p2) {
        double x = Math.log(rate);
        return Math.exp(p0 + p1 * x + p2 * x * x);
    }

    private static final double P0 = -6.0;
    private static final double P1 = 1.1;
    private static final double P2 = -0.04;

    @Test
    void recoversACurveThatBendsAndReadsItBeyondTheTopOnItsOwnSlope() {
        // exponent 1.1 - 0.08 ln rate: 0.97 at 5 req/s, 0.69 at 160 (a request costs less as the rate rises)
        double[] rates = {5, 10, 20, 40, 80, 160};
        List<ServiceCpuCurve.Point> points = new java.util.ArrayList<>();
        for (double r : rates) {
            points.add(new ServiceCpuCurve.Point(r, IDLE + bent(r, P0, P1, P2)));
        }
        ServiceCpuCurve.Law law = new ServiceCpuCurve(points).fit(IDLE).orElseThrow();
        assertEquals(Math.exp(P0), law.coefficient(), 1e-9);
        assertEquals(P1, law.exponent(), 1e-9);
        assertEquals(P2, law.curvature(), 1e-9);
        for (double r : new double[] {5, 7, 30, 160}) {
            assertEquals(1000 * bent(r, P0, P1, P2) / r, law.cpuMsPerRequestAt(r), 1e-9, "at " + r + " req/s");
        }
        // at 240 req/s: the curve's value at 160 times 1.5^(its slope there, 1.1 - 0.08 ln 160 = 0.69398)
        double slope = P1 + 2 * P2 * Math.log(160);
        assertEquals(0.69398, slope, 1e-5);
        assertEquals(1000 * bent(160, P0, P1, P2) * Math.pow(1.5, slope) / 240, law.cpuMsPerRequestAt(240), 1e-9);
        // and at most twice the top: 320 req/s for 1000
        assertEquals(law.cpuMsPerRequestAt(320), law.cpuMsPerRequestAt(1000), 1e-12);
    }

    @Test
    void theFitLeavesTheSmallestRelativeSquaredMissesOnTheAgentsCpu() {
        // the bending curve's points, each moved by a few per cent of its CPU (the profile's phases repeat to 5-10 %)
        double[] rates = {6, 13, 24, 32, 44, 50, 60, 62};
        double[] noise = {0.06, -0.04, 0.03, 0.05, -0.06, 0.02, -0.03, 0.04};
        List<ServiceCpuCurve.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            points.add(new ServiceCpuCurve.Point(rates[i], (IDLE + bent(rates[i], P0, P1, P2)) * (1 + noise[i])));
        }
        ServiceCpuCurve.Law law = new ServiceCpuCurve(points).fit(IDLE).orElseThrow();
        double[] fitted = {Math.log(law.coefficient()), law.exponent(), law.curvature()};
        double best = relativeMisses(points, fitted);
        // no smaller on the generating curve, nor a step away from the fit in any parameter (a least-squares optimum:
        // worked out on the criterion itself, not on the fitter)
        assertTrue(best <= relativeMisses(points, new double[] {P0, P1, P2}), best + "");
        for (int k = 0; k < 3; k++) {
            for (double step : new double[] {-1e-3, 1e-3}) {
                double[] moved = fitted.clone();
                moved[k] += step;
                assertTrue(best <= relativeMisses(points, moved), "parameter " + k + " moved by " + step);
            }
        }
        // read back at the lowest point's rate, the CPU is within the noise of what the point measured
        ServiceCpuCurve.Point lowest = points.get(0);
        double read = IDLE + lowest.ratePerSec() * law.cpuMsPerRequestAt(lowest.ratePerSec()) / 1000;
        assertEquals(lowest.cores(), read, 0.08 * lowest.cores());
    }

    /** {@code sum ((cores - idle - curve) / cores)^2}: the fit's criterion. */
    private static double relativeMisses(List<ServiceCpuCurve.Point> points, double[] p) {
        double sum = 0;
        for (ServiceCpuCurve.Point q : points) {
            sum += Math.pow((q.cores() - IDLE - bent(q.ratePerSec(), p[0], p[1], p[2])) / q.cores(), 2);
        }
        return sum;
    }

    @Test
    void aCurveThatWouldFallOverThePointsRatesIsThePlainPowerLaw() {
        // rising to 40 req/s and then flat: the parabola through them turns down before 80 req/s, which no agent's CPU
        // does (the phase at 80 sat at its quota); the plain law rises everywhere
        ServiceCpuCurve c = new ServiceCpuCurve(List.of(new ServiceCpuCurve.Point(10, 0.11),
                new ServiceCpuCurve.Point(20, 0.21), new ServiceCpuCurve.Point(40, 0.31),
                new ServiceCpuCurve.Point(80, 0.30)));
        ServiceCpuCurve.Law law = c.fit(IDLE).orElseThrow();
        assertEquals(0, law.curvature());
        assertTrue(law.exponent() > 0, law.toString());
        double previous = 0;
        for (double r = 10; r <= 160; r += 10) {
            double cores = r * law.cpuMsPerRequestAt(r) / 1000;
            assertTrue(cores > previous, r + " req/s: " + cores);
            previous = cores;
        }
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
