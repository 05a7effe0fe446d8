package io.deepedge.models;

/**
 * Analytic re-training time of a device set (DEEP-EDGE.md): {@code T = shard + E (tau + I C(J)) + checkpoints},
 * where {@code tau} is one epoch's computation (set by the slowest device), {@code I} the iterations per epoch
 * and {@code C(J)} one synchronisation, from the set's size, slowest link and largest latency. Policies rank
 * device sets with it; the simulator carries the same terms out event by event.
 */
public final class RetrainTime {
    private RetrainTime() {
    }

    /** Time from the plan's start to the final model, with no failures. */
    public static double totalSec(TrainingJob job, Link serverLink, double epochComputeSec, int size,
                                  double minBytesPerSec, double maxLatencySec, double shardSec) {
        double sync = SyncCost.seconds(job.topology(), job.parameterBytes(), size, minBytesPerSec, maxLatencySec,
                serverLink);
        double training = job.epochs() * (epochComputeSec + job.iterationsPerEpoch() * sync);
        double checkpoints = job.checkpointEverySec() > 0
                ? Math.floor(training / job.checkpointEverySec()) * SyncCost.checkpointSeconds(job.parameterBytes(),
                serverLink)
                : 0;
        return shardSec + training + checkpoints;
    }

    /**
     * Upper bound of the parallel shard transfer when device j receives at most {@code r'_j tau} samples:
     * {@code lat_max + tau max_j(r'_j / bw_j) sampleBytes}; 0 when the data are already local.
     */
    public static double shardBoundSec(TrainingJob job, double epochComputeSec, double maxRateOverBytesPerSec,
                                       double maxLatencySec) {
        return job.sampleBytes() == 0 ? 0
                : maxLatencySec + epochComputeSec * maxRateOverBytesPerSec * job.sampleBytes();
    }
}
