package io.deepedge.models.profile;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measurements are generated here from known coefficients with the formulas written out independently of
 * {@link InterferenceModel}; the fit must recover them exactly without noise, and within a bound that holds
 * for every noise draw (not just this seed's) with bounded noise.
 */
class InterferenceFitTest {
    // Truth: iteration = 0.05 + 0.004 b s; phi = 1.4 + 0.01 b + 2.5 rho; s = 1.6 while serving.
    static final double BASE = 0.05;
    static final double PER_SAMPLE = 0.004;
    static final double A0 = 1.4;
    static final double A1 = 0.01;
    static final double A2 = 2.5;
    static final double S = 1.6;
    static final double SERVICE_MS = 6;
    static final List<Integer> BATCHES = List.of(8, 16, 32, 64, 128);
    static final List<Double> RATES = List.of(5.0, 15.0, 25.0, 35.0);

    /** Noise-free measurement: each field times (1 + eps[k]). */
    static Measurement measured(DesignPoint p, double[] eps) {
        double b = p.batch();
        double rho = p.ratePerSec() * SERVICE_MS / 1000;
        double phi = A0 + A1 * b + A2 * rho;
        double alone = b / (BASE + PER_SAMPLE * b);
        double u = rho * phi;
        double colocated = alone * ((1 - u) + u / S);
        return new Measurement(p, alone * (1 + eps[0]), colocated * (1 + eps[1]), SERVICE_MS,
                SERVICE_MS * phi * (1 + eps[2]));
    }

    static List<Measurement> design(SplittableRandom noise, double eta) {
        List<Measurement> out = new ArrayList<>();
        for (DesignPoint p : DesignPlan.factorial(BATCHES, RATES, 0, 1).points()) {
            double[] eps = new double[3];
            for (int k = 0; k < 3; k++) {
                eps[k] = eta == 0 ? 0 : (2 * noise.nextDouble() - 1) * eta;
            }
            out.add(measured(p, eps));
        }
        return out;
    }

    @Test
    void recoversKnownCoefficientsFromExactMeasurements() {
        InterferenceModel m = InterferenceFit.fit(design(null, 0));
        assertEquals(BASE, m.iterationBaseSec(), 1e-12);
        assertEquals(PER_SAMPLE, m.iterationPerSampleSec(), 1e-12);
        assertEquals(A0, m.serviceIntercept(), 1e-9);
        assertEquals(A1, m.servicePerBatch(), 1e-11);
        assertEquals(A2, m.servicePerUtilisation(), 1e-9);
        assertEquals(S, m.trainingSlowdownWhileServing(), 1e-9);
        HeldOutErrors e = HeldOutErrors.of(m, design(null, 0));
        assertEquals(0, e.trainSamplesPerSec().max(), 1e-9);
        assertEquals(0, e.serviceSlowdown().max(), 1e-9);
        assertEquals(0, e.trainingSlowdown().max(), 1e-9);
    }

    /**
     * Every field's noise is uniform in [-eta, eta] (a seeded draw, but the bound holds for any draw): an OLS
     * estimate moves by at most |dy|_2 / sigma_min(X) with X exact (throughput on batch; phi on batch and the
     * alone utilisation, whose inputs carry no noise here); the through-origin slope {@code sum xy / sum x^2} of
     * the training fit, with both x and y in known intervals, lies in the interval of that ratio.
     */
    @Test
    void recoversCoefficientsWithinTheAnalyticBoundUnderBoundedNoise() {
        double eta = 0.01;
        List<Measurement> data = design(new SplittableRandom(20261129L), eta);
        InterferenceModel m = InterferenceFit.fit(data);
        List<Measurement> exact = design(null, 0);
        int n = exact.size();
        double[][] xThroughput = new double[n][];
        double[][] xPhi = new double[n][];
        double dyThroughput = 0;
        double dyPhi = 0;
        for (int i = 0; i < n; i++) {
            Measurement e = exact.get(i);
            double b = e.point().batch();
            xThroughput[i] = new double[] {1, b};
            xPhi[i] = new double[] {1, b, e.point().ratePerSec() * SERVICE_MS / 1000};
            double y = b / e.trainAloneSamplesPerSec();
            dyThroughput += Math.pow(y * eta / (1 - eta), 2);
            dyPhi += Math.pow(e.serviceColocatedMeanMs() / SERVICE_MS * eta, 2);
        }
        double boundT = Math.sqrt(dyThroughput) / sigmaMin(xThroughput);
        double boundPhi = Math.sqrt(dyPhi) / sigmaMin(xPhi);
        assertEquals(BASE, m.iterationBaseSec(), boundT);
        assertEquals(PER_SAMPLE, m.iterationPerSampleSec(), boundT);
        assertEquals(A0, m.serviceIntercept(), boundPhi);
        assertEquals(A1, m.servicePerBatch(), boundPhi);
        assertEquals(A2, m.servicePerUtilisation(), boundPhi);
        double[] c = slopeInterval(exact, eta);
        double sLow = 1 / (1 - c[0]);
        double sHigh = 1 / (1 - c[1]);
        double s = m.trainingSlowdownWhileServing();
        assertTrue(sLow <= s && s <= sHigh, s + " outside [" + sLow + ", " + sHigh + "]");
        // The bounds are informative, not vacuous: each is a small fraction of its coefficient's scale.
        assertTrue(boundT < 0.5 * BASE && boundPhi < 0.5 * A0 && sHigh - sLow < 0.5 * (S - 1),
                boundT + " " + boundPhi + " " + (sHigh - sLow));
    }

    /** Interval of sum(x y) / sum(x^2) for x = u (1 + e1), y = 1 - c (1 + e2) / (a (1 + e3)), |e| <= eta. */
    private static double[] slopeInterval(List<Measurement> exact, double eta) {
        double numLow = 0;
        double numHigh = 0;
        double denLow = 0;
        double denHigh = 0;
        for (Measurement e : exact) {
            double u = e.colocatedBusyShare();
            double xLow = u * (1 - eta);
            double xHigh = u * (1 + eta);
            double ratio = e.trainColocatedSamplesPerSec() / e.trainAloneSamplesPerSec();
            double yLow = 1 - ratio * (1 + eta) / (1 - eta);
            double yHigh = 1 - ratio * (1 - eta) / (1 + eta);
            numLow += Math.min(xLow * yLow, xHigh * yLow);
            numHigh += Math.max(xLow * yHigh, xHigh * yHigh);
            denLow += xLow * xLow;
            denHigh += xHigh * xHigh;
        }
        double low = numLow >= 0 ? numLow / denHigh : numLow / denLow;
        double high = numHigh >= 0 ? numHigh / denLow : numHigh / denHigh;
        return new double[] {low, high};
    }

    private static double sigmaMin(double[][] x) {
        double[] sv = new SingularValueDecomposition(MatrixUtils.createRealMatrix(x)).getSingularValues();
        return sv[sv.length - 1];
    }

    @Test
    void noiseInTheAlonePhasesAloneLeavesEveryCoLocatedPredictionExact() {
        // each point's services-alone phase reads 6 ms x (1 + e), e cycling through +20 %, -10 %, +5 %, -15 %; its
        // co-located time stays 6 ms x phi. Phi is fitted on the co-located time over the rate-weighted alone mean A
        // at rho = rate x A: c / A = (6 A0) / A + (6 A1 / A) b + (A2 36 / A^2) rho is linear in b and rho, so the fit
        // predicts every co-located time exactly, whatever the alone phases read
        double[] e = {0.20, -0.10, 0.05, -0.15};
        List<Measurement> exact = design(null, 0);
        List<Measurement> noisy = new ArrayList<>();
        double weighted = 0;
        double rates = 0;
        for (int i = 0; i < exact.size(); i++) {
            Measurement m = exact.get(i);
            double alone = SERVICE_MS * (1 + e[i % e.length]);
            noisy.add(new Measurement(m.point(), m.trainAloneSamplesPerSec(), m.trainColocatedSamplesPerSec(), alone,
                    m.serviceColocatedMeanMs()));
            weighted += m.point().ratePerSec() * alone;
            rates += m.point().ratePerSec();
        }
        InterferenceModel model = InterferenceFit.fit(noisy);
        double aloneMs = weighted / rates;
        assertEquals(aloneMs, model.serviceAloneMs(), 1e-12);
        assertTrue(Math.abs(aloneMs - SERVICE_MS) > 0.01, "the alone phases' noise does not cancel: " + aloneMs);
        assertEquals(A2 * SERVICE_MS * SERVICE_MS / (aloneMs * aloneMs), model.servicePerUtilisation(), 1e-9);
        for (Measurement m : noisy) {
            double predictedMs = model.serviceSlowdown(m.point().batch(), m.point().ratePerSec() * aloneMs / 1000)
                    * aloneMs;
            assertEquals(m.serviceColocatedMeanMs(), predictedMs, 1e-9, m.toString());
        }
        HeldOutErrors held = HeldOutErrors.of(model, noisy);
        assertEquals(0, held.serviceSlowdown().max(), 1e-9);
        assertEquals(0, held.trainingSlowdown().max(), 1e-9);
        // a model written before it had an alone time reads each point at its own ratio, as it was fitted
        InterferenceModel older = new InterferenceModel(BASE, PER_SAMPLE, A0, A1, A2, S);
        Measurement first = noisy.get(0);
        assertEquals(first.serviceSlowdown(), older.measuredServiceSlowdown(first), 0);
        assertEquals(first.utilisation(), older.utilisationAt(first), 0);
    }

    @Test
    void heldOutErrorIsMedianAndMaxOfAbsoluteRelativeErrors() {
        ErrorSummary e = ErrorSummary.of(new double[] {1.1, 0.9, 2.0, 1.0}, new double[] {1, 1, 1, 1});
        assertEquals(0.1, e.median(), 1e-12); // sorted 0, 0.1, 0.1, 1.0: mean of the middle two
        assertEquals(1.0, e.max(), 1e-12);
        assertEquals(4, e.points());
        assertEquals(0.5, ErrorSummary.of(new double[] {3}, new double[] {2}).median(), 1e-12);
    }

    @Test
    void predictsTrainingSlowdownByTheSimulatorsMechanism() {
        InterferenceModel m = new InterferenceModel(BASE, PER_SAMPLE, 2, 0, 0, 3);
        // rho 0.2, phi 2: busy 0.4; work per second 0.6 + 0.4 / 3 = 0.7333...
        assertEquals(1 / (0.6 + 0.4 / 3), m.trainingSlowdown(32, 0.2), 1e-12);
        assertEquals(3, m.trainingSlowdown(32, 0.9), 1e-12); // busy share capped at 1: always slowed
        assertEquals(64 / (BASE + PER_SAMPLE * 64), m.trainSamplesPerSec(64), 1e-12);
        assertEquals(1, new InterferenceModel(BASE, PER_SAMPLE, 0.5, 0, 0, 1).serviceSlowdown(8, 0.1), 0);
    }

    @Test
    void refusesDesignsThatCannotSeparateTheFactors() {
        List<Measurement> oneBatch = new ArrayList<>();
        for (DesignPoint p : DesignPlan.factorial(List.of(32), RATES, 0, 1).points()) {
            oneBatch.add(measured(p, new double[3]));
        }
        assertThrows(IllegalArgumentException.class, () -> InterferenceFit.fit(oneBatch));
        assertThrows(IllegalArgumentException.class, () -> InterferenceFit.fit(oneBatch.subList(0, 3)));
    }

    @Test
    void aNonPositiveIterationSlopeFallsBackToThePerSampleCostThroughTheOrigin() {
        // iteration times 0.30, 0.25, 0.28, 0.20 s at batches 8, 16, 32, 64: the OLS slope is negative
        InterferenceModel m = InterferenceFit.fit(iterationTimes(new int[] {8, 16, 32, 64},
                new double[] {0.30, 0.25, 0.28, 0.20}));
        // least squares through the origin: k = sum(t b) / sum(b^2), worked out by hand
        double k = (0.30 * 8 + 0.25 * 16 + 0.28 * 32 + 0.20 * 64) / (64.0 + 256 + 1024 + 4096);
        assertEquals(0, m.iterationBaseSec());
        assertEquals(k, m.iterationPerSampleSec(), 1e-12);
    }

    @Test
    void aNegativeIterationInterceptFallsBackToThePerSampleCostThroughTheOrigin() {
        // iteration times 0.10, 0.30, 0.60, 0.70 s at batches 10, 20, 40, 50 (a 0.3-CPU agent's noise): the OLS
        // line has slope 0.015 and intercept -0.025 (worked out by hand: mean b 30, mean t 0.425, Sxy 15, Sxx 1000),
        // so iterations of a few samples would take negative time
        InterferenceModel m = InterferenceFit.fit(iterationTimes(new int[] {10, 20, 40, 50},
                new double[] {0.10, 0.30, 0.60, 0.70}));
        double k = (0.10 * 10 + 0.30 * 20 + 0.60 * 40 + 0.70 * 50) / (100.0 + 400 + 1600 + 2500);
        assertEquals(0, m.iterationBaseSec());
        assertEquals(k, m.iterationPerSampleSec(), 1e-12);
    }

    /** Points whose standalone iteration at batch {@code b[i]} takes {@code sec[i]} (the other figures plausible). */
    private static List<Measurement> iterationTimes(int[] b, double[] sec) {
        List<Measurement> points = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            points.add(new Measurement(new DesignPoint(b[i], 10 + 5 * i), b[i] / sec[i], b[i] / sec[i] / 1.2, 5,
                    5 * (1.5 + 0.1 * i)));
        }
        return points;
    }
}
