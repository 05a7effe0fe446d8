package io.deepedge.models;

/**
 * Training memory as a linear function of the local batch: {@code baseMiB + perSampleMiB x batch}.
 *
 * @param baseMiB footprint independent of the batch (weights, optimiser state, framework)
 * @param perSampleMiB activations per sample of local batch
 */
public record TrainingMemory(double baseMiB, double perSampleMiB) {
    /** No memory model: training always fits. */
    public static final TrainingMemory NONE = new TrainingMemory(0, 0);

    public TrainingMemory {
        Checks.nonNegative("baseMiB", baseMiB);
        Checks.nonNegative("perSampleMiB", perSampleMiB);
    }

    public double atBatch(double batch) {
        return baseMiB + perSampleMiB * batch;
    }
}
