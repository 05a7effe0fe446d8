package io.deepedge.models;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Analytic re-training time of a plan (DEEP-EDGE.md):
 * {@code T = E (D-epoch compute + I C) + shard transfer + checkpoints}, where one epoch's compute is
 * set by the slowest device, {@code max_j d_j / r'_j}, {@code I} is the iterations per epoch and
 * {@code C} one synchronisation. The epoch term treats local batches as continuous: it is exact when
 * every share divides evenly over the iterations, and otherwise an under-estimate by at most one
 * sample per device and iteration.
 */
public final class RetrainTime {
    private RetrainTime() {
    }

    /** One epoch of computation: the slowest device's share over its effective throughput. */
    public static double epochComputeSec(Plan plan, ToDoubleFunction<String> samplesPerSec) {
        double slowest = 0;
        for (Assignment a : plan.assignments()) {
            slowest = Math.max(slowest, a.samples() / samplesPerSec.applyAsDouble(a.device()));
        }
        return slowest;
    }

    /** Time from the job's start on this plan to its final model, with no failures. */
    public static double estimateSec(TrainingJob job, Plan plan, ToDoubleFunction<String> samplesPerSec,
                                     Function<String, Link> links, Link ps) {
        List<Link> planLinks = plan.devices().stream().map(links).toList();
        double sync = SyncCost.seconds(job.topology(), job.parameterBytes(), planLinks, ps);
        double training = job.epochs() * (epochComputeSec(plan, samplesPerSec) + job.iterationsPerEpoch() * sync);
        double shards = 0;
        for (Assignment a : plan.assignments()) {
            shards = Math.max(shards, SyncCost.shardTransferSeconds(job.sampleBytes(), a.samples(), links.apply(a.device())));
        }
        double checkpoints = job.checkpointEverySec() > 0
                ? Math.floor(training / job.checkpointEverySec()) * SyncCost.checkpointSeconds(job.parameterBytes(), ps)
                : 0;
        return shards + training + checkpoints;
    }
}
