package io.deepedge.models.monitoring;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Detects that an instance's arrival rate shifted, with the chance that any of {@code N} instances whose load did
 * not change raises a false alarm in one interval held at most at {@code falseAlarmProbability} (Sidak's
 * correction: each instance is tested at level {@code 1 - (1 - p)^(1/N)}).
 *
 * <p>The reference is the instance's last counts since its last shift (at most {@value #MAX_REFERENCE_INTERVALS}
 * intervals), not a forecast: a trend extrapolated one step amplifies noise and, after a step down, goes below
 * zero. The test is exact for Poisson counts at any rate: if the rate did not change, the new count given the
 * total of it and the {@code w} reference counts is binomial with probability {@code 1/(w+1)}; a two-sided tail
 * at most half the per-instance level is a shift. (A cheap square-root-scale screen skips the exact tail where
 * it cannot be small.) A shift must also be at least {@code bandFraction} of the reference, so large counts do
 * not trigger on changes too small to matter.
 *
 * <p>Hysteresis: a shift starts a new regime. The interval that shifted becomes the whole reference, so noise
 * around the new level is judged against the new level, never against the old one, and the old level is not
 * a band the load must return to. A change in the middle of an interval gives a partial count; the next
 * interval then differs from it and shifts once more, to the full new level.
 */
final class ShiftDetector {
    /**
     * A short reference: a ramp leaves a long window's mean behind and would read as a string of shifts; with
     * three intervals it lags by two intervals' growth, so only ramps steep enough to be steps shift.
     */
    static final int MAX_REFERENCE_INTERVALS = 3;
    private static final double ANSCOMBE = 3.0 / 8.0;
    /**
     * The square-root score is within this many standard deviations of the exact test at the tails used here
     * (checked in ShiftDetectorTest), so scores below {@code threshold - SCREEN_MARGIN} skip the exact tail.
     */
    static final double SCREEN_MARGIN = 1.5;

    private final double bandFraction;
    private final double perInstanceLevel;
    /** The per-instance level as a two-sided standard normal threshold, for the screen before the exact test. */
    private final double threshold;
    private final long[][] window;
    private final int[] size;
    private final int[] next;
    private final long[] sum;

    ShiftDetector(int instances, double bandFraction, double falseAlarmProbability) {
        this.bandFraction = bandFraction;
        this.perInstanceLevel = perInstanceLevel(instances, falseAlarmProbability);
        this.threshold = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - perInstanceLevel / 2);
        this.window = new long[instances][MAX_REFERENCE_INTERVALS];
        this.size = new int[instances];
        this.next = new int[instances];
        this.sum = new long[instances];
    }

    /** Sidak: the level of each of {@code instances} independent tests that together err with probability p. */
    static double perInstanceLevel(int instances, double falseAlarmProbability) {
        return -Math.expm1(Math.log1p(-falseAlarmProbability) / Math.max(1, instances));
    }

    /** Records instance {@code i}'s count of one interval; true when it shifted from its reference. */
    boolean observe(int i, long count) {
        if (size[i] == 0) {
            add(i, count);
            return false;
        }
        boolean shifted = shifted(count, sum[i], size[i]);
        if (shifted) {
            size[i] = 0;
            next[i] = 0;
            sum[i] = 0;
        }
        add(i, count);
        return shifted;
    }

    private boolean shifted(long count, long referenceSum, int referenceIntervals) {
        double reference = (double) referenceSum / referenceIntervals;
        return Math.abs(count - reference) > bandFraction * reference
                && Math.abs(squareRootScore(count, referenceSum, referenceIntervals)) > threshold - SCREEN_MARGIN
                && exactTail(count, referenceSum, referenceIntervals) <= perInstanceLevel / 2;
    }

    /**
     * The count against the reference on Anscombe's square-root scale, where a Poisson count's variance is about 1
     * whatever its rate and the reference mean of {@code w} intervals adds {@code 1/w}: about standard normal.
     */
    static double squareRootScore(long count, long referenceSum, int referenceIntervals) {
        double reference = (double) referenceSum / referenceIntervals;
        return 2 * (Math.sqrt(count + ANSCOMBE) - Math.sqrt(reference + ANSCOMBE))
                / Math.sqrt(1 + 1.0 / referenceIntervals);
    }

    /**
     * The smaller one-sided tail of the count given the total: under an unchanged rate the count of the new
     * interval, given the total of it and the {@code w} reference intervals, is binomial with probability
     * {@code 1/(w+1)}, whatever the rate.
     */
    static double exactTail(long count, long referenceSum, int referenceIntervals) {
        BinomialDistribution given = new BinomialDistribution(null, (int) Math.min(Integer.MAX_VALUE,
                count + referenceSum), 1.0 / (referenceIntervals + 1));
        int k = (int) Math.min(Integer.MAX_VALUE, count);
        return Math.min(given.cumulativeProbability(k), 1 - given.cumulativeProbability(k - 1));
    }

    private void add(int i, long count) {
        if (size[i] == MAX_REFERENCE_INTERVALS) {
            sum[i] -= window[i][next[i]];
        } else {
            size[i]++;
        }
        window[i][next[i]] = count;
        sum[i] += count;
        next[i] = (next[i] + 1) % MAX_REFERENCE_INTERVALS;
    }
}
