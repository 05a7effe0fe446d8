package io.deepedge.models.profile;

import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.List;

/**
 * Fits an {@link InterferenceModel} to measurements by ordinary least squares (Commons Math), one regression per
 * quantity:
 * <ul>
 *   <li>standalone iteration time {@code b / r_alone} on {@code [1, b]} (through the origin, {@code [b]}, when
 *       noise makes that slope non-positive or the intercept negative: an iteration never gets shorter with more
 *       samples, and never takes negative time);</li>
 *   <li>phi on {@code [1, b, rho]}, each point's phi its co-located mean service time over the fitted points'
 *       rate-weighted mean alone service time {@code A}, and its {@code rho = rate x A}: the simulator multiplies
 *       one alone service time by phi, and a point's own alone phase is a noisy estimate of it (its mean holds the
 *       rare long requests of one phase), which as the divisor of each point's ratio made the fit's error on the
 *       co-located time 18.5 % at the median and 43 % on average over the 84 points of three profiles left out one
 *       at a time, against 12.7 % and 15.6 % this way (README "Why A, not each point's own alone time");</li>
 *   <li>{@code 1 - 1/S} (S the measured training slowdown) on the measured busy share {@code u = rate x
 *       co-located service time}, through the origin: the mechanism's {@code 1 - 1/S = u (1 - 1/s)} gives
 *       the slope {@code 1 - 1/s}.</li>
 * </ul>
 */
public final class InterferenceFit {
    /** Coefficients of the largest regression (phi: intercept, batch, utilisation), so the fewest points it takes. */
    public static final int MIN_POINTS = 4;

    private InterferenceFit() {
    }

    /**
     * @throws IllegalArgumentException with fewer than {@link #MIN_POINTS} points, or points that cannot separate
     *         the factors (one batch size only, batch and utilisation collinear)
     */
    public static InterferenceModel fit(List<Measurement> points) {
        int n = points.size();
        if (n < MIN_POINTS) {
            throw new IllegalArgumentException("fitting needs at least " + MIN_POINTS + " points (" + n + ")");
        }
        double aloneMs = rateWeightedAloneMs(points);
        double[] iterationSec = new double[n];
        double[][] batch = new double[n][1];
        double[] phi = new double[n];
        double[][] batchAndLoad = new double[n][2];
        double[] slowedShare = new double[n];
        double[][] busy = new double[n][1];
        for (int i = 0; i < n; i++) {
            Measurement m = points.get(i);
            iterationSec[i] = m.iterationSec();
            batch[i][0] = m.point().batch();
            phi[i] = m.serviceColocatedMeanMs() / aloneMs;
            batchAndLoad[i] = new double[] {m.point().batch(), m.point().ratePerSec() * aloneMs / 1000};
            slowedShare[i] = 1 - 1 / m.trainingSlowdown();
            busy[i][0] = m.colocatedBusyShare();
        }
        double[] t = regress(iterationSec, batch, true, "iteration time on batch");
        if (!(t[1] > 0) || t[0] < 0) {
            // an iteration cannot get shorter with more samples, nor take negative time at batch 0: noise made the
            // slope non-positive or the intercept negative, and the least-squares fit under t0 >= 0 then has t0 = 0
            // (the objective is convex): the per-sample cost alone, through the origin
            t = new double[] {0, regress(iterationSec, batch, false, "iteration time on batch")[0]};
        }
        double[] a = regress(phi, batchAndLoad, true, "service slowdown on batch and utilisation");
        double c = regress(slowedShare, busy, false, "training slowdown on LC busy share")[0];
        // 1 - 1/s in [0, 1): a negative slope (noise around no interference) is no slowdown; the cap keeps s finite.
        double s = c <= 0 ? 1 : Math.min(InterferenceModel.MAX_SLOWDOWN, 1 / (1 - Math.min(c, 1 - 1e-9)));
        return new InterferenceModel(t[0], t[1], a[0], a[1], a[2], s, aloneMs);
    }

    /**
     * The points' alone service times weighted by their rates: the mean over all their services-alone requests, as
     * each phase lasts equally long.
     */
    static double rateWeightedAloneMs(List<Measurement> points) {
        double requests = 0;
        double ms = 0;
        for (Measurement m : points) {
            requests += m.point().ratePerSec();
            ms += m.point().ratePerSec() * m.serviceAloneMeanMs();
        }
        return ms / requests;
    }

    private static double[] regress(double[] y, double[][] x, boolean intercept, String what) {
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(!intercept);
        try {
            ols.newSampleData(y, x);
            return ols.estimateRegressionParameters();
        } catch (SingularMatrixException e) {
            throw new IllegalArgumentException("the design cannot separate the factors of " + what
                    + " (vary the batch and the rate independently)");
        } catch (org.apache.commons.math3.exception.MathIllegalArgumentException e) {
            throw new IllegalArgumentException("cannot fit " + what + ": " + e.getMessage());
        }
    }
}
