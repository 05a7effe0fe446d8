package io.deepedge.policies.deepedge;

import io.deepedge.models.DeviceProfile;
import io.deepedge.models.LcLoad;
import io.deepedge.models.Link;
import io.deepedge.models.Worker;

import java.util.List;

/**
 * An eligible device as the planner sees it.
 *
 * @param name device name
 * @param profile its profile (batch-dependent figures)
 * @param link its network link
 * @param maxBatch largest local batch that keeps every SLO and fits memory ({@code +inf} when unbounded)
 * @param trainingFactor psi: mean training throughput multiplier from the LC load on the device (<= 1)
 * @param capSamples largest share of an epoch that keeps every local batch within {@code maxBatch}
 * @param loads the co-located LC services at the planning rate, for the cost model's barrier term
 * @param boundRate a throughput no batch up to {@code maxBatch} exceeds on average under that load (for
 *                  lower bounds of the re-training time)
 */
public record Candidate(String name, DeviceProfile profile, Link link, double maxBatch, double trainingFactor,
                        double capSamples, List<LcLoad> loads, double boundRate) {
    public Candidate {
        loads = List.copyOf(loads);
    }

    /** Effective throughput r' at the largest allowed batch: the ranking key. */
    public double rankRate() {
        return profile.trainSamplesPerSecAt(Math.min(maxBatch, 1e9)) * trainingFactor;
    }

    /** Effective throughput r' at local batch {@code batch}. */
    public double rateAt(double batch) {
        return profile.trainSamplesPerSecAt(batch) * trainingFactor;
    }

    /** The device as the re-training cost model sees it. */
    public Worker worker() {
        return new Worker(name, profile, link, loads);
    }
}
