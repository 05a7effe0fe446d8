package io.deepedge.policies.deepedge;

import io.deepedge.models.TrainingJob;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The second ranking Deep-Edge tries besides raw effective throughput: each device's throughput as it
 * would be used when every eligible device trains, {@code min(r'_j, cap_j / tau_all)}. A fast device with a
 * small batch cap contributes only up to its cap, so it ranks below a slower device that can take more data;
 * without caps both rankings are the same.
 */
final class Rankings {
    private Rankings() {
    }

    /** Devices ordered by their capped contribution at the all-devices water level, then name. */
    static List<Candidate> byCappedContribution(List<Candidate> byRate, TrainingJob job) {
        double tau = allDevicesLevel(byRate, job.samples());
        if (!Double.isFinite(tau)) {
            return byRate;
        }
        List<Candidate> out = new ArrayList<>(byRate);
        out.sort(Comparator.comparingDouble((Candidate c) -> -Math.min(c.rankRate(), c.capSamples() / tau))
                .thenComparing(Candidate::name));
        return out;
    }

    /** Smallest tau with {@code sum_j min(r'_j tau, cap_j) >= D} over all devices; infinite if caps cannot hold D. */
    static double allDevicesLevel(List<Candidate> devices, long samples) {
        List<Candidate> bySaturation = new ArrayList<>(devices);
        bySaturation.sort(Comparator.comparingDouble(c -> c.capSamples() / c.rankRate()));
        double freeRate = devices.stream().mapToDouble(Candidate::rankRate).sum();
        double capped = 0;
        for (Candidate c : bySaturation) {
            double tau = (samples - capped) / freeRate;
            if (c.capSamples() / c.rankRate() > tau) {
                return tau;
            }
            capped += c.capSamples();
            freeRate -= c.rankRate();
            if (freeRate <= 0) {
                return capped >= samples ? c.capSamples() / c.rankRate() : Double.POSITIVE_INFINITY;
            }
        }
        return (samples - capped) / freeRate;
    }
}
