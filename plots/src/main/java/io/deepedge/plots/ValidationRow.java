package io.deepedge.plots;

import java.util.List;

/**
 * One row of validation.csv: a metric of one policy (and grid point, and for a per-instance metric one service
 * instance), its simulated and real statistics over the runs of each side.
 *
 * @param point sweep values in sweep-column order; empty without a sweep
 * @param policy policy id
 * @param metric what is compared
 * @param service service name for a per-instance metric, else ""
 * @param device device name for a per-instance metric, else ""
 * @param sim mean, 95 % CI half-width and count of the simulated runs' values
 * @param real the same over the real runs
 * @param sameSeed the runs both sides made with the same replication and seed, and on which side each pair's
 *        larger value lies
 */
record ValidationRow(List<String> point, String policy, ValidationMetric metric, String service, String device,
                     MeanCi sim, MeanCi real, SameSeedPairs sameSeed) {
    /** The confidence of a row's own interval ({@code rel_error_lo}, {@code rel_error_hi}). */
    static final double CONFIDENCE = 0.95;

    ValidationRow {
        point = List.copyOf(point);
    }

    /** {@code (sim - real) / real}, a fraction; NaN when either mean is missing or the real mean is 0. */
    double relError() {
        if (Double.isNaN(sim.mean()) || Double.isNaN(real.mean()) || real.mean() == 0) {
            return Double.NaN;
        }
        return (sim.mean() - real.mean()) / real.mean();
    }

    /**
     * The same comparison of the two sides' medians over their runs: {@code (sim median - real median) / real
     * median}; NaN when either is missing or the real median is 0. Robust where one run's value is far from the
     * others' (a stalled run's p99).
     */
    double medianRelError() {
        if (Double.isNaN(sim.median()) || Double.isNaN(real.median()) || real.median() == 0) {
            return Double.NaN;
        }
        return (sim.median() - real.median()) / real.median();
    }

    /** Whether the row has a relative error: both means, the real one not 0. */
    boolean hasRelError() {
        return !Double.isNaN(relError());
    }

    /** {@code sim - real} in the metric's unit; NaN when either mean is missing. */
    double absError() {
        return sim.mean() - real.mean();
    }

    /**
     * Half-width of the 95 % confidence interval of {@code sim_mean - real_mean} (Welch: each side's standard error
     * from its own runs, Welch-Satterthwaite degrees of freedom): how far apart two sides with these runs may lie
     * by chance alone. 0 when neither side varies; NaN when a side has fewer than two runs.
     */
    double diffCi95() {
        double simSe = sim.standardError();
        double realSe = real.standardError();
        double variance = simSe * simSe + realSe * realSe;
        if (Double.isNaN(variance) || variance == 0) {
            return variance;
        }
        return MeanCi.tQuantile(welchDf(simSe * simSe, sim.n(), realSe * realSe, real.n())) * Math.sqrt(variance);
    }

    /**
     * Whether the runs show no difference between the two means at 95 % ({@code |sim - real| <= diff_ci95}): the
     * twin is as close as these runs can tell. Empty when the interval is undefined.
     */
    java.util.Optional<Boolean> consistent() {
        double half = diffCi95();
        return Double.isNaN(half) || Double.isNaN(absError()) ? java.util.Optional.empty()
                : java.util.Optional.of(Math.abs(absError()) <= half);
    }

    /**
     * The 95 % confidence interval of {@code rel_error} by Fieller's theorem, {@link #relErrorCi(double)} at
     * {@link #CONFIDENCE}.
     */
    RelErrorCi relErrorCi95() {
        return relErrorCi(CONFIDENCE);
    }

    /**
     * The confidence interval of {@code rel_error} by Fieller's theorem: the ratios {@code q} of the true means that
     * the runs cannot reject at {@code confidence} (two-sided), {@code (sim_mean - q real_mean)^2 <= t^2 (se_sim^2 +
     * q^2 se_real^2)}, minus one. Unlike {@code diff_ci95 / |real_mean|} it counts the uncertainty of the denominator
     * too, so it is the interval a target on |rel_error| is read against: a bound above it is met whatever the runs'
     * noise, one below it is missed. {@code t} is t((1 + confidence) / 2) with the Welch-Satterthwaite degrees of
     * freedom of {@code se_sim^2 + q^2 se_real^2} at the observed ratio. {@link RelErrorCi#UNDEFINED} when a side has
     * fewer than two runs or {@code rel_error} is undefined; {@link RelErrorCi#UNBOUNDED} when the real mean itself is
     * not told apart from zero at that confidence (the set of ratios is then no interval).
     */
    RelErrorCi relErrorCi(double confidence) {
        if (!hasRelError() || sim.n() < 2 || real.n() < 2) {
            return RelErrorCi.UNDEFINED;
        }
        double s = sim.mean();
        double r = real.mean();
        double simVar = sim.standardError() * sim.standardError();
        double realVar = real.standardError() * real.standardError();
        double ratio = s / r;
        double variance = simVar + ratio * ratio * realVar;
        if (variance == 0) {
            return new RelErrorCi(ratio - 1, ratio - 1);
        }
        double df = welchDf(simVar, sim.n(), ratio * ratio * realVar, real.n());
        double t2 = Math.pow(MeanCi.tQuantile(df, (1 + confidence) / 2), 2);
        // a q^2 - 2 b q + c <= 0; its discriminant is t^2 (a se_sim^2 + s^2 se_real^2), never negative when a > 0
        double a = r * r - t2 * realVar;
        if (a <= 0) {
            return RelErrorCi.UNBOUNDED;
        }
        double b = s * r;
        double root = Math.sqrt(t2 * (a * simVar + s * s * realVar));
        return new RelErrorCi((b - root) / a - 1, (b + root) / a - 1);
    }

    /**
     * Welch-Satterthwaite degrees of freedom of a sum of two variances of means, {@code simVar} over {@code simN} runs
     * and {@code realVar} over {@code realN}: {@code (a + b)^2 / (a^2 / (n_a - 1) + b^2 / (n_b - 1))}.
     */
    private static double welchDf(double simVar, int simN, double realVar, int realN) {
        double sum = simVar + realVar;
        return sum * sum / (simVar * simVar / (simN - 1) + realVar * realVar / (realN - 1));
    }

    /** Both sides have a mean: the row is a point of the scatter plot. */
    boolean comparable() {
        return Double.isFinite(sim.mean()) && Double.isFinite(real.mean());
    }
}
