package io.deepedge.models.profile;

import io.deepedge.models.Checks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The operating points a profiler measures, and which of them are held out of the fit to measure its error.
 *
 * <p>Latin hypercube: {@code n} points such that each of the {@code n} equal strata of each factor holds exactly
 * one point (McKay, Beckman and Conover 1979), the batch stratified on a log2 scale (batch effects are
 * multiplicative: 8, 16, 32 are as far apart as 32, 64, 128) and the rate on a linear one; the stratum of each
 * point is a seeded permutation and its place inside the stratum a seeded uniform draw. Full factorial: every
 * listed batch with every listed rate. The co-location factor has two levels (alone, together) and every point
 * is measured at both, so it is crossed fully in either design.
 *
 * @param method {@code latin-hypercube} or {@code factorial}
 * @param seed the seed of the hypercube and of the held-out choice
 * @param points the design, in measurement order
 * @param heldOut for each point, whether it is kept out of the fit
 */
public record DesignPlan(String method, long seed, List<DesignPoint> points, List<Boolean> heldOut) {
    public static final String LATIN_HYPERCUBE = "latin-hypercube";
    public static final String FACTORIAL = "factorial";

    public DesignPlan {
        points = List.copyOf(points);
        heldOut = List.copyOf(heldOut);
        if (points.size() != heldOut.size()) {
            throw new IllegalArgumentException("points and heldOut differ in size");
        }
        if (!method.equals(LATIN_HYPERCUBE) && !method.equals(FACTORIAL)) {
            throw new IllegalArgumentException("unknown design method " + method);
        }
    }

    /**
     * {@code n} Latin-hypercube points over [minBatch, maxBatch] x [minRate, maxRate], of which
     * {@code heldOut} (chosen by the seed) are held out.
     */
    public static DesignPlan latinHypercube(int n, int minBatch, int maxBatch, double minRatePerSec,
                                            double maxRatePerSec, int heldOut, long seed) {
        checkRanges(n, minBatch, maxBatch, minRatePerSec, maxRatePerSec, heldOut);
        double[][] unit = unitHypercube(n, 2, seed);
        double logLo = log2(minBatch);
        double logHi = log2(maxBatch);
        List<DesignPoint> points = new ArrayList<>();
        for (double[] u : unit) {
            int batch = (int) Math.round(Math.pow(2, logLo + u[0] * (logHi - logLo)));
            double rate = minRatePerSec + u[1] * (maxRatePerSec - minRatePerSec);
            points.add(new DesignPoint(Math.min(maxBatch, Math.max(minBatch, batch)), rate));
        }
        return new DesignPlan(LATIN_HYPERCUBE, seed, points, chooseHeldOut(n, heldOut, seed));
    }

    /** Every batch with every rate (batches varying slowest), {@code heldOut} of them held out by the seed. */
    public static DesignPlan factorial(List<Integer> batches, List<Double> ratesPerSec, int heldOut, long seed) {
        List<DesignPoint> points = new ArrayList<>();
        for (int b : batches) {
            for (double r : ratesPerSec) {
                points.add(new DesignPoint(b, r));
            }
        }
        if (heldOut < 0 || heldOut >= points.size()) {
            throw new IllegalArgumentException("heldOut must be in [0, points) (" + heldOut + ")");
        }
        return new DesignPlan(FACTORIAL, seed, points, chooseHeldOut(points.size(), heldOut, seed));
    }

    /**
     * {@code n} points in [0, 1)^dims, one in each of the {@code n} strata of every dimension: point {@code i}'s
     * coordinate {@code d} is {@code (perm_d(i) + U) / n}.
     */
    public static double[][] unitHypercube(int n, int dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] unit = new double[n][dims];
        for (int d = 0; d < dims; d++) {
            int[] perm = permutation(n, random);
            for (int i = 0; i < n; i++) {
                unit[i][d] = (perm[i] + random.nextDouble()) / n;
            }
        }
        return unit;
    }

    /**
     * This design with {@code more}'s points measured after it (a sequential design: a second stage placed by what
     * the first measured), each keeping whether it is held out; the method and seed stay this design's.
     */
    public DesignPlan followedBy(DesignPlan more) {
        List<DesignPoint> all = new ArrayList<>(points);
        all.addAll(more.points());
        List<Boolean> held = new ArrayList<>(heldOut);
        held.addAll(more.heldOut());
        return new DesignPlan(method, seed, all, held);
    }

    /** The points that take part in the fit. */
    public List<DesignPoint> fitted() {
        return select(false);
    }

    /** The points held out of the fit. */
    public List<DesignPoint> held() {
        return select(true);
    }

    private List<DesignPoint> select(boolean held) {
        List<DesignPoint> chosen = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (heldOut.get(i) == held) {
                chosen.add(points.get(i));
            }
        }
        return chosen;
    }

    /** A seeded choice of {@code k} of {@code n} indexes (a different stream from the hypercube's). */
    private static List<Boolean> chooseHeldOut(int n, int k, long seed) {
        int[] perm = permutation(n, new SplittableRandom(seed ^ 0x5DEECE66DL));
        Boolean[] held = new Boolean[n];
        for (int i = 0; i < n; i++) {
            held[perm[i]] = i < k;
        }
        return List.of(held);
    }

    /** Fisher-Yates. */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void checkRanges(int n, int minBatch, int maxBatch, double minRate, double maxRate, int heldOut) {
        Checks.positive("minBatch", minBatch);
        Checks.positive("minRatePerSec", minRate);
        if (n < 2 || maxBatch < minBatch || maxRate < minRate) {
            throw new IllegalArgumentException("a design needs n >= 2 and ordered ranges");
        }
        if (heldOut < 0 || heldOut >= n) {
            throw new IllegalArgumentException("heldOut must be in [0, n) (" + heldOut + ")");
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
