package io.deepedge.models;

/**
 * A profiled operating point of a device at one local batch size.
 *
 * @param batch local batch size, samples per iteration on this device
 * @param trainSamplesPerSec standalone training throughput at this batch
 * @param serviceSlowdown LC service-time multiplier while training at this batch (>= 1)
 * @param memoryMiB training memory footprint at this batch
 */
public record BatchPoint(int batch, double trainSamplesPerSec, double serviceSlowdown, double memoryMiB) {
    public BatchPoint {
        Checks.positive("batch", batch);
        Checks.positive("trainSamplesPerSec", trainSamplesPerSec);
        Checks.atLeast("serviceSlowdown", 1.0, serviceSlowdown);
        Checks.nonNegative("memoryMiB", memoryMiB);
    }

    /** Standalone time of one iteration at this batch. */
    public double iterationSec() {
        return batch / trainSamplesPerSec;
    }
}
