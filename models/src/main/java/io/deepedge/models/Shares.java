package io.deepedge.models;

import java.util.Arrays;

/** Integer apportionment of training samples: shares that sum to the total exactly. */
public final class Shares {
    private Shares() {
    }

    /**
     * Largest-remainder (Hamilton) apportionment of {@code total} in proportion to {@code weights}.
     * Each share is the floor of its quota; the leftover units go to the largest fractional remainders,
     * ties to the lower index, so callers that order by device name get a name-ordered tie-break.
     *
     * @param total the amount to split, >= 0
     * @param weights non-negative weights, at least one positive
     * @return integer shares, summing to {@code total}
     */
    public static long[] largestRemainder(long total, double[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0 (" + total + ")");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0 " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("at least one weight must be positive " + Arrays.toString(weights));
        }
        long[] shares = new long[weights.length];
        double[] remainders = new double[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double quota = total * (weights[i] / sum);
            shares[i] = Math.min(total - assigned, (long) Math.floor(quota));
            remainders[i] = quota - shares[i];
            assigned += shares[i];
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byRemainder = Double.compare(remainders[b], remainders[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        for (int k = 0; assigned < total; k = (k + 1) % order.length) {
            if (weights[order[k]] > 0) {
                shares[order[k]]++;
                assigned++;
            }
        }
        return shares;
    }
}
