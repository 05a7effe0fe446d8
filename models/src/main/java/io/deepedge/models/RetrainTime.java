package io.deepedge.models;

import io.deepedge.models.barrier.BarrierTime;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-training time of a plan as the simulator carries it out (DEEP-EDGE.md, README "The cost model"):
 * {@code T = shard + E I (c + C) + n_ckpt C_ckpt}, where {@code c} is the expected compute phase of an
 * iteration (the slowest device's arrival at the barrier under LC interference, with the integer local
 * batches, {@link BarrierTime}), {@code C} one synchronisation ({@link SyncCost}: the network's cost plus the
 * largest {@link DeviceOverhead#roundOverheadMs} plus {@link DeviceOverhead#roundCoordinationMs} of the plan's
 * devices), {@code shard} the largest device's network transfer plus its own loading of its samples, {@code I} the
 * iterations per epoch and {@code n_ckpt} the checkpoints the simulator writes (after the first iteration that ends at
 * least {@code checkpointEverySec} after the previous checkpoint, never after the last iteration).
 *
 * <p>{@link #lowerBoundSec} is the same sum with the compute phase replaced by a lower bound (a continuous
 * water-filling level at rates every device's mean exceeds); policies use it to search device sets and
 * evaluate {@link #expectedSec} only where the bound does not already rule a set out.
 */
public final class RetrainTime {
    private RetrainTime() {
    }

    /**
     * Expected time from the plan's start to the final model, with no failures: {@code shares[j]} samples of
     * each epoch on {@code workers.get(j)} (zero shares are not part of the plan).
     */
    public static double expectedSec(TrainingJob job, Link serverLink, List<Worker> workers, long[] shares) {
        if (shares.length != workers.size()) {
            throw new IllegalArgumentException("one share per worker: " + shares.length + " != " + workers.size());
        }
        List<Link> links = new ArrayList<>();
        List<DeviceOverhead> overheads = new ArrayList<>();
        double shardSec = 0;
        for (int j = 0; j < shares.length; j++) {
            if (shares[j] > 0) {
                Link link = workers.get(j).link();
                DeviceOverhead overhead = workers.get(j).profile().overhead();
                links.add(link);
                overheads.add(overhead);
                shardSec = Math.max(shardSec, SyncCost.shardTransferSeconds(job.sampleBytes(), shares[j], link,
                        overhead));
            }
        }
        double syncSec = SyncCost.seconds(job.topology(), job.parameterBytes(), links, serverLink);
        // every device with a share counted in every round: exact when each share is at least the iterations
        // of an epoch (every device computes in every round), an over-estimate otherwise
        double overheadSec = SyncCost.roundOverheadSeconds(overheads);
        double computeSec = BarrierTime.meanComputeSec(workers, shares, job.iterationsPerEpoch(),
                syncSec + overheadSec);
        return shardSec + trainingSec(job, serverLink, computeSec + syncSec + overheadSec);
    }

    /**
     * A lower bound of {@link #expectedSec} for a device set: {@code epochComputeSec} must be at most the
     * slowest device's mean epoch compute time, {@code shardSec} at most the shard transfer. The devices' own work
     * ({@link DeviceOverhead}) is left out: it only adds to the expected time, so the bound stays a bound.
     */
    public static double lowerBoundSec(TrainingJob job, Link serverLink, double epochComputeSec, int size,
                                       double minBytesPerSec, double maxLatencySec, double shardSec) {
        double syncSec = SyncCost.seconds(job.topology(), job.parameterBytes(), size, minBytesPerSec, maxLatencySec,
                serverLink);
        return shardSec + trainingSec(job, serverLink, epochComputeSec / job.iterationsPerEpoch() + syncSec);
    }

    /**
     * A lower bound of the shard transfer when devices whose links sum to {@code sumBytesPerSec} share the
     * epoch's samples: the largest per-device transfer is at least the average {@code D sampleBytes / sum bw}.
     */
    public static double shardLowerBoundSec(TrainingJob job, double sumBytesPerSec) {
        return job.sampleBytes() == 0 ? 0 : (double) job.samples() * job.sampleBytes() / sumBytesPerSec;
    }

    /** Iterations, synchronisations and checkpoints when each iteration takes {@code iterationSec}. */
    private static double trainingSec(TrainingJob job, Link serverLink, double iterationSec) {
        long iterations = job.totalIterations();
        return iterations * iterationSec
                + checkpoints(job, iterationSec) * SyncCost.checkpointSeconds(job.parameterBytes(), serverLink);
    }

    /**
     * Checkpoints the simulator writes when every iteration takes {@code iterationSec}: one after every
     * {@code m = ceil(checkpointEverySec / iterationSec)} iterations (the clock restarts when a checkpoint
     * ends), none after the last iteration: {@code floor((E I - 1) / m)}.
     */
    public static long checkpoints(TrainingJob job, double iterationSec) {
        if (job.checkpointEverySec() == 0) {
            return 0;
        }
        double ratio = job.checkpointEverySec() / iterationSec;
        long every = Math.max(1, (long) Math.ceil(ratio - 1e-9 * ratio));
        return (job.totalIterations() - 1) / every;
    }
}
