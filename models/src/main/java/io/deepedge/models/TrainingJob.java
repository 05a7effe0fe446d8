package io.deepedge.models;

/**
 * The model-update job: synchronous data-parallel re-training.
 *
 * @param model catalog model id or a free label
 * @param samples training samples per epoch (D)
 * @param epochs passes over the data (E)
 * @param batchSize global batch (B), samples per synchronous iteration over all devices
 * @param parameterBytes model size on the wire; 0 makes synchronisation and checkpoints free
 * @param sampleBytes bytes of one training sample, for the initial shard transfer (0 = data already local)
 * @param topology how gradients are synchronised
 * @param checkpointEverySec training time between checkpoints; 0 disables checkpoints
 * @param submitAtSec simulated time at which the job is submitted
 * @param heartbeatTimeoutSec how long the training barrier waits on a silent device before it declares it failed
 */
public record TrainingJob(String model, long samples, int epochs, int batchSize, long parameterBytes,
                          long sampleBytes, Topology topology, double checkpointEverySec, double submitAtSec,
                          double heartbeatTimeoutSec) {
    /** A job whose barrier notices a failed device at once. */
    public TrainingJob(String model, long samples, int epochs, int batchSize, long parameterBytes, long sampleBytes,
                       Topology topology, double checkpointEverySec, double submitAtSec) {
        this(model, samples, epochs, batchSize, parameterBytes, sampleBytes, topology, checkpointEverySec,
                submitAtSec, 0);
    }

    public TrainingJob {
        Checks.nonNegative("heartbeatTimeoutSec", heartbeatTimeoutSec);
        model = model == null ? "" : model;
        Checks.positive("samples", samples);
        Checks.positive("epochs", epochs);
        Checks.positive("batchSize", batchSize);
        Checks.nonNegative("parameterBytes", parameterBytes);
        Checks.nonNegative("sampleBytes", sampleBytes);
        Checks.nonNegative("checkpointEverySec", checkpointEverySec);
        Checks.nonNegative("submitAtSec", submitAtSec);
        if (topology == null) {
            throw new IllegalArgumentException("topology must be given");
        }
        if (batchSize > samples) {
            throw new IllegalArgumentException("batchSize (" + batchSize + ") must not exceed samples (" + samples + ")");
        }
    }

    /** Synchronous iterations per epoch: the last one may carry a partial global batch. */
    public long iterationsPerEpoch() {
        return (samples + batchSize - 1) / batchSize;
    }

    public long totalIterations() {
        return iterationsPerEpoch() * epochs;
    }

    public long totalSamples() {
        return samples * epochs;
    }
}
