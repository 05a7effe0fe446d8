package io.deepedge.plots;

/**
 * How many runs each side needs so that the 95 % interval of a metric's relative error, (sim - real) / real, is at
 * most +/- {@code tolerance} wide: the runs a comparison needs before it can tell a target of that size met from
 * missed. A pass of three testbed runs a cell, at the 20 % spread of a run's LC p99 on this project's testbed, reads
 * that p99 to no better than +/- 26 % even at the normal quantile (README: "Runs to resolve a target").
 *
 * <p>With the runs' spreads {@code cv} (standard deviation over mean) and means close to each other, the interval's
 * half-width relative to the real mean is about {@code t sqrt(cv_sim^2 / n_sim + cv_real^2 / n_real)}, as validate's
 * {@code diff_ci95} over {@code |real_mean|}. Each side is given half of that variance: its own
 * {@code t(0.975, n - 1) cv sqrt(2 / n)} at most the tolerance, so both together meet it to within the difference
 * between each side's t and Welch's (whose degrees of freedom, each side holding half of the variance, are twice the
 * harmonic mean of the sides' own: between the two sides' for unequal runs). The twin's runs are cheap and the
 * testbed's are not: a user who runs the twin much longer can take the real side's figure as nearly enough alone.
 *
 * @param sim the twin's runs a cell; {@link #UNKNOWN} without its spread, {@link #BEYOND} past {@link #MAX_RUNS}
 * @param real the real side's runs a cell, the same way
 */
public record RunsToResolve(int sim, int real) {
    /** No spread to plan from (a side with fewer than two runs, a zero mean). */
    public static final int UNKNOWN = -1;
    /** More than {@link #MAX_RUNS}. */
    public static final int BEYOND = Integer.MAX_VALUE;
    /** The most runs a side is planned for; more is reported as {@link #BEYOND}. */
    public static final int MAX_RUNS = 100_000;
    /** What validate plans for unless told otherwise ({@code --resolve}): +/- 10 %. */
    public static final double DEFAULT_TOLERANCE = 0.10;

    /** Both sides' runs at spreads {@code simCv}, {@code realCv} (NaN: unknown) for +/- {@code tolerance}. */
    public static RunsToResolve of(double simCv, double realCv, double tolerance) {
        return new RunsToResolve(perSide(simCv, tolerance), perSide(realCv, tolerance));
    }

    /**
     * The least {@code n >= 2} with {@code t(0.975, n - 1) cv sqrt(2 / n) <= tolerance}; {@link #UNKNOWN} for a NaN
     * spread, {@link #BEYOND} past {@link #MAX_RUNS}.
     *
     * @throws IllegalArgumentException unless {@code 0 < tolerance}
     */
    public static int perSide(double cv, double tolerance) {
        checkTolerance(tolerance);
        if (Double.isNaN(cv)) {
            return UNKNOWN;
        }
        double spread = Math.abs(cv);
        // t > z, so the normal approximation's n is a lower bound to start from
        double z = 1.959963984540054;
        double lower = 2 * Math.pow(z * spread / tolerance, 2);
        if (lower > MAX_RUNS) {
            return BEYOND;
        }
        for (int n = Math.max(2, (int) Math.ceil(lower)); n <= MAX_RUNS; n++) {
            if (MeanCi.tQuantile(n - 1) * spread * Math.sqrt(2.0 / n) <= tolerance) {
                return n;
            }
        }
        return BEYOND;
    }

    /** {@code "sim/real"}, each a count, {@code n/a} or {@code >100000}. */
    public String text() {
        return count(sim) + "/" + count(real);
    }

    static String count(int runs) {
        return runs == UNKNOWN ? "n/a" : runs == BEYOND ? ">" + MAX_RUNS : Integer.toString(runs);
    }

    /** @throws IllegalArgumentException unless {@code 0 < tolerance} */
    static void checkTolerance(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
    }
}
