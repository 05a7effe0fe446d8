package io.deepedge.policies.deepedge;

import io.deepedge.models.Link;
import io.deepedge.models.SyncCost;
import io.deepedge.models.TrainingJob;

/**
 * Re-training time of a device set from its epoch compute time {@code tau} (DEEP-EDGE.md):
 * {@code T = shard + E (tau + I C(J)) + checkpoints}, with {@code C} from the set's size, slowest link and
 * largest latency.
 */
final class SetCost {
    private SetCost() {
    }

    static double totalSec(TrainingJob job, Link serverLink, double tauSec, int size, double minBytesPerSec,
                           double maxLatencySec, double shardSec) {
        double sync = SyncCost.seconds(job.topology(), job.parameterBytes(), size, minBytesPerSec, maxLatencySec,
                serverLink);
        double training = job.epochs() * (tauSec + job.iterationsPerEpoch() * sync);
        double checkpoints = job.checkpointEverySec() > 0
                ? Math.floor(training / job.checkpointEverySec()) * SyncCost.checkpointSeconds(job.parameterBytes(), serverLink)
                : 0;
        return shardSec + training + checkpoints;
    }

    /** Upper bound of the parallel shard transfer when device j receives at most {@code r'_j tau} samples. */
    static double shardSec(TrainingJob job, double tauSec, double maxRateOverBytesPerSec, double maxLatencySec) {
        return job.sampleBytes() == 0 ? 0 : maxLatencySec + tauSec * maxRateOverBytesPerSec * job.sampleBytes();
    }
}
