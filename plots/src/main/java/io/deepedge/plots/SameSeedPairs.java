package io.deepedge.plots;

/**
 * The runs of one validation row that both sides made with the same replication and seed: a digital twin and its
 * testbed draw the same arrivals, service times and failures from a seed, so such a pair differs only by what the
 * twin gets wrong and the testbed's own noise. Where the Welch interval of the means needs many runs to see a bias,
 * the sign of each pair's difference shows one in a few: a twin without bias lies above the testbed in about half
 * the pairs.
 *
 * @param pairs runs present on both sides with a value (same replication, same seed)
 * @param simAbove pairs whose simulated value is the larger
 * @param simBelow pairs whose simulated value is the smaller (the rest are ties)
 */
record SameSeedPairs(int pairs, int simAbove, int simBelow) {
    static final SameSeedPairs NONE = new SameSeedPairs(0, 0, 0);

    SameSeedPairs {
        if (pairs < 0 || simAbove < 0 || simBelow < 0 || simAbove + simBelow > pairs) {
            throw new IllegalArgumentException("pairs " + pairs + ", above " + simAbove + ", below " + simBelow);
        }
    }

    /** The pair of one run: which side's value is the larger. */
    static SameSeedPairs of(double sim, double real) {
        return new SameSeedPairs(1, sim > real ? 1 : 0, sim < real ? 1 : 0);
    }

    SameSeedPairs plus(SameSeedPairs other) {
        return new SameSeedPairs(pairs + other.pairs, simAbove + other.simAbove, simBelow + other.simBelow);
    }

    /**
     * The exact two-sided sign test of "the twin is as often above as below" over the pairs that differ:
     * {@code min(1, 2 P(X <= min(above, below)))} with {@code X ~ Binomial(above + below, 1/2)}; NaN when no pair
     * differs. A small value says the twin errs to one side: a bias, not noise.
     */
    double signTestP() {
        int n = simAbove + simBelow;
        if (n == 0) {
            return Double.NaN;
        }
        int fewer = Math.min(simAbove, simBelow);
        // P(X = k) = C(n, k) / 2^n, built up by the ratio C(n, k + 1) / C(n, k) = (n - k) / (k + 1) in logs so
        // that a long pooled run of pairs does not overflow
        double logTerm = -n * Math.log(2);  // P(X = 0)
        double tail = 0;
        for (int k = 0; k <= fewer; k++) {
            tail += Math.exp(logTerm);
            logTerm += Math.log(n - k) - Math.log(k + 1.0);
        }
        return Math.min(1, 2 * tail);
    }
}
