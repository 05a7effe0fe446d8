package io.deepedge.plots;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleList;

/**
 * The paired comparison of one metric between a policy and the baseline over common-random-number replications:
 * the per-replication differences {@code d_r = policy_r - baseline_r}, their mean and the half-width of their
 * 95 % Student-t confidence interval, {@code t(0.975, n-1) s_d / sqrt(n)} ({@link MeanCi}).
 *
 * <p>A CI is <em>wide</em> when its half-width exceeds {@link #WIDE_FRACTION} of {@code |mean_diff|}: the sign of
 * the difference is then barely known. The replications that would narrow it to that fraction are estimated as
 * {@code n' = ceil(n (ci95 / (WIDE_FRACTION |mean_diff|))^2)}, from the half-width shrinking as {@code 1/sqrt(n)}
 * with the same standard deviation (the t quantile shrinks a little too, so {@code n'} errs on the safe side).
 *
 * @param n pairs with a value on both sides
 * @param policyMean mean of the policy's values over the pairs
 * @param baselineMean mean of the baseline's values over the pairs
 * @param diff mean and CI of the differences
 */
record PairedDiff(int n, double policyMean, double baselineMean, MeanCi diff) {
    /** A CI wider than this fraction of |mean difference| is flagged. */
    static final double WIDE_FRACTION = 0.5;

    /** The statistics of the pairs {@code (policy[i], baseline[i])}; both lists hold only values (no NaN). */
    static PairedDiff of(DoubleList policy, DoubleList baseline) {
        if (policy.size() != baseline.size()) {
            throw new IllegalArgumentException("pairs need as many policy values as baseline values");
        }
        DoubleList diffs = new DoubleArrayList(policy.size());
        for (int i = 0; i < policy.size(); i++) {
            diffs.add(policy.getDouble(i) - baseline.getDouble(i));
        }
        return new PairedDiff(policy.size(), MeanCi.of(policy).mean(), MeanCi.of(baseline).mean(), MeanCi.of(diffs));
    }

    double meanDiff() {
        return diff.mean();
    }

    double ci95() {
        return diff.ci95();
    }

    /** {@code mean_diff / baseline_mean}; NaN when the baseline's mean is 0 or unknown. */
    double relativeDiff() {
        return baselineMean == 0 ? Double.NaN : meanDiff() / baselineMean;
    }

    /** Whether the CI is known and wider than {@link #WIDE_FRACTION} of |mean difference|. */
    boolean wide() {
        return Double.isFinite(ci95()) && ci95() > WIDE_FRACTION * Math.abs(meanDiff());
    }

    /**
     * Replications that would narrow a wide CI to {@link #WIDE_FRACTION} of |mean difference|; 0 when the CI is
     * not wide, -1 when no number would (the mean difference is 0).
     */
    long replicationsNeeded() {
        if (!wide()) {
            return 0;
        }
        double target = WIDE_FRACTION * Math.abs(meanDiff());
        if (target == 0) {
            return -1;
        }
        double ratio = ci95() / target;
        return (long) Math.ceil(n * ratio * ratio);
    }
}
