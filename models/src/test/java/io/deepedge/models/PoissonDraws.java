package io.deepedge.models;

import org.apache.commons.math3.special.Gamma;

import java.util.SplittableRandom;

/**
 * Exact Poisson variates for tests: inversion below a mean of 10, Hormann's transformed rejection (PTRS, as in
 * NumPy) above, so tests can draw millions of counts at means in the thousands quickly.
 */
public final class PoissonDraws {
    private final SplittableRandom random;

    public PoissonDraws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public long next(double mean) {
        return mean < 10 ? inversion(mean) : ptrs(mean);
    }

    private long inversion(double mean) {
        double u = random.nextDouble();
        double p = Math.exp(-mean);
        double cumulative = p;
        long k = 0;
        while (u > cumulative && p > 0) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    private long ptrs(double mean) {
        double sqrtMean = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logMean - Gamma.logGamma(k + 1)) {
                return k;
            }
        }
    }
}
