package io.deepedge.plots;

/**
 * A 95 % confidence interval of a relative error (fractions, {@code lo <= hi}) and what it says of |relative
 * error|: its least and largest value over the interval. {@link #UNDEFINED} (both NaN) where no interval can be
 * formed; {@link #UNBOUNDED} ({@code -inf, +inf}) where the runs cannot bound the ratio.
 */
record RelErrorCi(double lo, double hi) {
    static final RelErrorCi UNDEFINED = new RelErrorCi(Double.NaN, Double.NaN);
    static final RelErrorCi UNBOUNDED = new RelErrorCi(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    boolean defined() {
        return !Double.isNaN(lo);
    }

    /** The least |relative error| in the interval: 0 when it holds 0. */
    double absLo() {
        return lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
    }

    /** The largest |relative error| in the interval; +inf when unbounded. */
    double absHi() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }
}
