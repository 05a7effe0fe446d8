package io.deepedge.traces;

import java.util.SplittableRandom;

/**
 * The few distributions the synthetic generator draws, written out here rather than taken from a library so
 * that a seed gives the same file on every JDK (SplittableRandom's own sequence is specified; its
 * nextGaussian's algorithm is not).
 */
final class RandomDraws {
    /** Below this mean, inversion by sequential search is cheap; above it, PTRS keeps the cost constant. */
    private static final double INVERSION_MAX_MEAN = 10;
    private static final double[] LOG_FACTORIAL = new double[10];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private RandomDraws() {
    }

    /** A uniform in (0, 1]: never 0, so its logarithm is finite. */
    static double positiveUniform(SplittableRandom random) {
        return 1.0 - random.nextDouble();
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(positiveUniform(random));
    }

    /** Standard normal by Box-Muller (one of the pair; simplicity over speed, it is drawn once a minute). */
    static double gaussian(SplittableRandom random) {
        double r = Math.sqrt(-2 * Math.log(positiveUniform(random)));
        return r * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** A lognormal factor with mean 1 and coefficient of variation {@code cv} (exactly 1 when cv is 0). */
    static double lognormalFactor(SplittableRandom random, double cv) {
        if (cv == 0) {
            return 1;
        }
        double sigma2 = Math.log1p(cv * cv);
        return Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * gaussian(random));
    }

    /** A Poisson count with the given mean (>= 0). */
    static long poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        return mean < INVERSION_MAX_MEAN ? inversion(random, mean) : ptrs(random, mean);
    }

    private static long inversion(SplittableRandom random, double mean) {
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

    /** Hörmann's transformed rejection with squeeze (PTRS), "The transformed rejection method for generating Poisson random variables", 1993. */
    private static long ptrs(SplittableRandom random, double mean) {
        double slam = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
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
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln k!, by table below 10 and Stirling's series above (error below 1e-10 there). */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k;
        double x2 = x * x;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x2)
                + 1 / (1260 * x * x2 * x2);
    }
}
