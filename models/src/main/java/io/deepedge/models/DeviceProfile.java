package io.deepedge.models;

/**
 * What a device can do for this experiment's training job.
 *
 * @param trainSamplesPerSec standalone training throughput of the job's model on this device
 * @param memoryMiB device memory available to training and services
 * @param interference how training and LC services slow each other here
 */
public record DeviceProfile(double trainSamplesPerSec, double memoryMiB, Interference interference) {
    public DeviceProfile {
        Checks.positive("trainSamplesPerSec", trainSamplesPerSec);
        Checks.positive("memoryMiB", memoryMiB);
        if (interference == null) {
            throw new IllegalArgumentException("interference must be given");
        }
    }
}
