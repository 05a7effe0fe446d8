package io.deepedge.plots;

/** Student-t quantiles from closed forms, independent of the Commons Math inversion the code under test uses. */
final class TQuantiles {
    /** t(0.975, 2). */
    static final double T2 = t2(0.975);

    private TQuantiles() {
    }

    /** t(p, 2) = (2p - 1) / sqrt(2 p (1 - p)), the inverse of the CDF 1/2 + t / (2 sqrt(2 + t^2)). */
    static double t2(double p) {
        return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    }

    /** t(0.975, 4) by bisection on the closed-form CDF for 4 degrees of freedom, 1/2 + (x/2)(1 + (1 - x^2)/2). */
    static double t4() {
        double lo = 0;
        double hi = 100;
        for (int i = 0; i < 200; i++) {
            double t = (lo + hi) / 2;
            double x = t / Math.sqrt(4 + t * t);
            if (0.5 + x / 2 * (1 + (1 - x * x) / 2) < 0.975) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return lo;
    }
}
