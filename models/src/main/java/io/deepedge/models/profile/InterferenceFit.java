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
 *   <li>measured phi (co-located over alone service time) on {@code [1, b, rho]};</li>
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
            phi[i] = m.serviceSlowdown();
            batchAndLoad[i] = new double[] {m.point().batch(), m.utilisation()};
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
        return new InterferenceModel(t[0], t[1], a[0], a[1], a[2], s);
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
