package io.deepedge.policies.deepedge;

import io.deepedge.models.Link;
import io.deepedge.models.RetrainTime;
import io.deepedge.models.TrainingJob;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Step 3 of Deep-Edge, first half: a lower bound of the re-training time ({@link RetrainTime#lowerBoundSec})
 * for every prefix of the ranked candidates, from the capped water-filling level at the candidates' bound
 * rates. The level of each prefix is found in O(log^2 n) with Fenwick trees over the devices' saturation
 * times {@code beta_j = cap_j / r_j}, so all bounds together cost O(n log^2 n).
 */
final class PrefixSearch {
    /** A prefix length (0 when no prefix can hold the job) and its time. */
    record Best(int size, double totalSec) {
    }

    private static final double RATE_RESIDUE = 1e-9;

    private PrefixSearch() {
    }

    /** {@code bounds[k]}: lower bound for the first {@code k + 1} candidates; infinite when their caps cannot hold D. */
    static double[] lowerBounds(List<Candidate> ranked, TrainingJob job, Link serverLink) {
        int n = ranked.size();
        double[] rate = new double[n];
        double[] cap = new double[n];
        double[] beta = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = ranked.get(i).boundRate();
            cap[i] = ranked.get(i).capSamples();
            beta[i] = cap[i] >= job.samples() ? Double.POSITIVE_INFINITY : cap[i] / rate[i];
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> beta[i]).thenComparingInt(i -> i));
        int[] position = new int[n];
        double[] sortedBeta = new double[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
            sortedBeta[p] = beta[order[p]];
        }
        int finite = 0;
        while (finite < n && Double.isFinite(sortedBeta[finite])) {
            finite++;
        }
        Fenwick caps = new Fenwick(n);
        Fenwick rates = new Fenwick(n);
        double rateTotal = 0;
        double minBytesPerSec = Double.POSITIVE_INFINITY;
        double maxLatencySec = 0;
        double sumBytesPerSec = 0;
        double[] bounds = new double[n];
        for (int k = 0; k < n; k++) {
            int p = position[k];
            if (Double.isFinite(beta[k])) {
                caps.add(p, cap[k]);
            }
            rates.add(p, rate[k]);
            rateTotal += rate[k];
            Link link = ranked.get(k).link();
            minBytesPerSec = Math.min(minBytesPerSec, link.bytesPerSec());
            maxLatencySec = Math.max(maxLatencySec, link.latencySec());
            sumBytesPerSec += link.bytesPerSec();
            double tau = level(caps, rates, rateTotal, sortedBeta, finite, job.samples());
            bounds[k] = Double.isNaN(tau) ? Double.POSITIVE_INFINITY
                    : RetrainTime.lowerBoundSec(job, serverLink, tau, k + 1, minBytesPerSec, maxLatencySec,
                    RetrainTime.shardLowerBoundSec(job, sumBytesPerSec));
        }
        return bounds;
    }

    /**
     * Smallest tau with {@code sum_j min(r'_j tau, cap_j) >= D} over the inserted devices, or NaN when
     * their caps cannot hold D. Non-inserted positions contribute nothing to either tree.
     */
    private static double level(Fenwick caps, Fenwick rates, double rateTotal, double[] sortedBeta, int finite,
                                long samples) {
        int lo = 0;
        int hi = finite;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double x = sortedBeta[mid];
            double filled = caps.prefix(mid) + x * (rateTotal - rates.prefix(mid));
            if (filled >= samples) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        double cappedSamples = caps.prefix(lo - 1);
        // a difference of sums: below a relative rounding residue the devices left are none
        double freeRate = rateTotal - rates.prefix(lo - 1);
        if (freeRate <= RATE_RESIDUE * rateTotal) {
            return cappedSamples >= samples ? (lo > 0 ? sortedBeta[lo - 1] : 0) : Double.NaN;
        }
        return (samples - cappedSamples) / freeRate;
    }
}
