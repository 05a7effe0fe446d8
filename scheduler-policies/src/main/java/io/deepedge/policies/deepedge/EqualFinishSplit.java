package io.deepedge.policies.deepedge;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Steps 2 and 4 of Deep-Edge: shares that make every device finish an epoch's computation together
 * (water-filling), each within its batch cap, then integers that sum to D exactly. With batch-dependent
 * throughput the finish time of a share {@code d} is {@code d / r'(d / I)}, found by bisection.
 */
final class EqualFinishSplit {
    private static final int BISECTIONS = 100;

    private EqualFinishSplit() {
    }

    /** Continuous shares of the epoch's samples; null when the caps cannot hold D. */
    static double[] shares(List<Candidate> set, TrainingJob job) {
        double total = 0;
        for (Candidate c : set) {
            total += c.capSamples();
        }
        if (total < job.samples()) {
            return null;
        }
        double lo = 0;
        double hi = 1;
        while (sum(set, job, hi) < job.samples()) {
            hi *= 2;
        }
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = 0.5 * (lo + hi);
            if (sum(set, job, mid) < job.samples()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // Between lo and hi a device on a batch range of equal iteration time jumps from a smaller share to a
        // larger one, and the shares at hi may exceed D: start from the shares at lo (< D) and give the
        // deficit to the devices that grew, each at most up to its share at hi (which finishes within hi).
        double[] shares = new double[set.size()];
        double deficit = job.samples();
        for (int j = 0; j < shares.length; j++) {
            shares[j] = shareWithin(set.get(j), job, lo);
            deficit -= shares[j];
        }
        for (int j = 0; j < shares.length && deficit > 0; j++) {
            double grow = Math.min(shareWithin(set.get(j), job, hi) - shares[j], deficit);
            shares[j] += grow;
            deficit -= grow;
        }
        return shares;
    }

    /** Integer shares: floors, then the remaining samples one each to the largest fractions within caps. */
    static Plan toPlan(List<Candidate> set, double[] shares, long samples) {
        long[] whole = integerShares(set, shares, samples);
        if (whole == null) {
            return null;
        }
        List<Assignment> assignments = new ArrayList<>();
        for (int j = 0; j < whole.length; j++) {
            if (whole[j] > 0) {
                assignments.add(new Assignment(set.get(j).name(), whole[j]));
            }
        }
        return new Plan(assignments);
    }

    /** The integer shares of {@link #toPlan}, aligned with {@code set}; null when the caps cannot hold them. */
    static long[] integerShares(List<Candidate> set, double[] shares, long samples) {
        long[] whole = new long[shares.length];
        long assigned = 0;
        for (int j = 0; j < shares.length; j++) {
            whole[j] = (long) Math.floor(Math.min(shares[j], set.get(j).capSamples()));
            assigned += whole[j];
        }
        Integer[] order = new Integer[shares.length];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -(shares[j] - whole[j]))
                .thenComparing(j -> set.get(j).name()));
        // the continuous shares sum to D up to rounding; a floor sum above D is rounding too: trim the largest
        for (int pass = 0; assigned > samples && pass < shares.length; pass++) {
            int largest = 0;
            for (int j = 1; j < whole.length; j++) {
                largest = whole[j] > whole[largest] ? j : largest;
            }
            long trim = Math.min(assigned - samples, whole[largest]);
            whole[largest] -= trim;
            assigned -= trim;
        }
        for (int pass = 0; assigned < samples && pass < samples; pass++) {
            boolean progressed = false;
            for (int j : order) {
                if (assigned < samples && whole[j] + 1 <= set.get(j).capSamples()) {
                    whole[j]++;
                    assigned++;
                    progressed = true;
                }
            }
            if (!progressed) {
                return null;
            }
        }
        return whole;
    }

    private static double sum(List<Candidate> set, TrainingJob job, double tau) {
        double s = 0;
        for (Candidate c : set) {
            s += shareWithin(c, job, tau);
        }
        return s;
    }

    /** Largest share within the cap that the device computes in {@code tau} seconds. */
    private static double shareWithin(Candidate c, TrainingJob job, double tau) {
        if (!c.profile().batchDependent()) {
            return Math.min(c.capSamples(), c.rateAt(1) * tau);
        }
        long iterations = job.iterationsPerEpoch();
        if (c.capSamples() / c.rateAt(c.capSamples() / iterations) <= tau) {
            return c.capSamples();
        }
        double lo = 0;
        double hi = c.capSamples();
        for (int i = 0; i < BISECTIONS; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid / c.rateAt(mid / iterations) <= tau) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
