package io.deepedge.models;

import java.util.Comparator;
import java.util.List;

/**
 * What a device can do for this experiment's training job, possibly batch-dependent.
 *
 * <p>Without {@code batches} the figures do not depend on the local batch. With them, throughput, service
 * slowdown and training memory are interpolated linearly between the profiled batches and held constant
 * beyond the smallest and largest; {@link #batchSizes()} are the batches a policy may choose a cap from.
 *
 * @param trainSamplesPerSec standalone training throughput of the job's model (batch-independent figure)
 * @param memoryMiB device memory available to training and services
 * @param interference how training and LC services slow each other here (batch-independent figures)
 * @param trainingMemory training footprint model used when no batches are profiled
 * @param batches profiled operating points, sorted by batch (may be empty); a larger batch never takes less time
 *        per iteration than a smaller one (throughput grows at most in proportion to the batch), see
 *        {@link #iterationTimeFalls}
 * @param overhead the device's own work per synchronisation round and per shard sample ({@link DeviceOverhead#NONE}
 *        when not measured)
 * @param cpuQuota the CPU bandwidth limit these figures were measured under ({@link CpuQuota#NONE} when none): the
 *        simulator then runs the device's threads in its periods, and the limit, not the averaged slowdowns, makes
 *        training and LC services slow each other down
 * @param gcPauses the stop-the-world pauses of the device's runtime ({@link GcPauses#NONE} when not measured);
 *        simulated only where {@code cpuQuota} is
 */
public record DeviceProfile(double trainSamplesPerSec, double memoryMiB, Interference interference,
                            TrainingMemory trainingMemory, List<BatchPoint> batches, DeviceOverhead overhead,
                            CpuQuota cpuQuota, GcPauses gcPauses) {
    /** Relative slack for decimal figures whose ratio is exactly the batches' ratio on paper. */
    private static final double ITERATION_TIME_TOLERANCE = 1e-9;

    public DeviceProfile {
        Checks.positive("trainSamplesPerSec", trainSamplesPerSec);
        Checks.positive("memoryMiB", memoryMiB);
        if (interference == null || trainingMemory == null || overhead == null || cpuQuota == null
                || gcPauses == null) {
            throw new IllegalArgumentException("interference, trainingMemory, overhead, cpuQuota and gcPauses must be"
                    + " given");
        }
        batches = batches.stream().sorted(Comparator.comparingInt(BatchPoint::batch)).toList();
        for (int i = 1; i < batches.size(); i++) {
            if (batches.get(i).batch() == batches.get(i - 1).batch()) {
                throw new IllegalArgumentException("batch " + batches.get(i).batch() + " is profiled twice");
            }
            if (iterationTimeFalls(batches.get(i - 1), batches.get(i))) {
                throw new IllegalArgumentException(iterationTimeFallsReason(batches.get(i - 1), batches.get(i)));
            }
        }
    }

    /**
     * Whether an iteration of the larger batch would take less time than one of the smaller: throughput rising
     * faster than the batch. Such a profile is refused. With linear interpolation of throughput between
     * profiled points, iteration time is non-decreasing in the batch everywhere exactly when it is at the
     * points, and the equal-finish split relies on it: a device's share must grow with the time it is given.
     * A measurement that shows otherwise is an error in the measurement (a larger batch does at least the
     * work of a smaller one), not a regime to plan for. Equal times are accepted (a latency-bound batch range).
     */
    public static boolean iterationTimeFalls(BatchPoint smaller, BatchPoint larger) {
        return larger.iterationSec() < smaller.iterationSec() * (1 - ITERATION_TIME_TOLERANCE);
    }

    /** The largest throughput at {@code larger}'s batch that keeps its iteration no shorter than {@code smaller}'s. */
    public static double maxThroughputAt(BatchPoint smaller, int largerBatch) {
        return smaller.trainSamplesPerSec() * largerBatch / smaller.batch();
    }

    private static String iterationTimeFallsReason(BatchPoint smaller, BatchPoint larger) {
        return String.format(java.util.Locale.ROOT, "throughput rises faster than the batch: an iteration of batch %d"
                + " at %s samples/s takes %.4g s, less than one of batch %d at %s samples/s (%.4g s); at most %s"
                + " samples/s at batch %d", larger.batch(), num(larger.trainSamplesPerSec()), larger.iterationSec(),
                smaller.batch(), num(smaller.trainSamplesPerSec()), smaller.iterationSec(),
                num(maxThroughputAt(smaller, larger.batch())), larger.batch());
    }

    private static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A profile without measured runtime pauses. */
    public DeviceProfile(double trainSamplesPerSec, double memoryMiB, Interference interference,
                         TrainingMemory trainingMemory, List<BatchPoint> batches, DeviceOverhead overhead,
                         CpuQuota cpuQuota) {
        this(trainSamplesPerSec, memoryMiB, interference, trainingMemory, batches, overhead, cpuQuota, GcPauses.NONE);
    }

    /** A profile of figures measured without a CPU bandwidth limit. */
    public DeviceProfile(double trainSamplesPerSec, double memoryMiB, Interference interference,
                         TrainingMemory trainingMemory, List<BatchPoint> batches, DeviceOverhead overhead) {
        this(trainSamplesPerSec, memoryMiB, interference, trainingMemory, batches, overhead, CpuQuota.NONE);
    }

    /** A profile without overhead beyond computing ({@link DeviceOverhead#NONE}). */
    public DeviceProfile(double trainSamplesPerSec, double memoryMiB, Interference interference,
                         TrainingMemory trainingMemory, List<BatchPoint> batches) {
        this(trainSamplesPerSec, memoryMiB, interference, trainingMemory, batches, DeviceOverhead.NONE);
    }

    /** A batch-independent profile without a memory model. */
    public DeviceProfile(double trainSamplesPerSec, double memoryMiB, Interference interference) {
        this(trainSamplesPerSec, memoryMiB, interference, TrainingMemory.NONE, List.of());
    }

    /**
     * The same profile with other throughput figures ({@code trainSamplesPerSec} and its profiled {@code batches}):
     * copies made with these keep every other component, including those added later.
     */
    public DeviceProfile withThroughput(double samplesPerSec, List<BatchPoint> points) {
        return new DeviceProfile(samplesPerSec, memoryMiB, interference, trainingMemory, points, overhead, cpuQuota,
                gcPauses);
    }

    /** The same profile with {@code mib} of memory. */
    public DeviceProfile withMemoryMiB(double mib) {
        return new DeviceProfile(trainSamplesPerSec, mib, interference, trainingMemory, batches, overhead, cpuQuota,
                gcPauses);
    }

    /** The same profile with other averaged interference factors. */
    public DeviceProfile withInterference(Interference factors) {
        return new DeviceProfile(trainSamplesPerSec, memoryMiB, factors, trainingMemory, batches, overhead, cpuQuota,
                gcPauses);
    }

    /** The same profile with other work per round and per shard sample. */
    public DeviceProfile withOverhead(DeviceOverhead work) {
        return new DeviceProfile(trainSamplesPerSec, memoryMiB, interference, trainingMemory, batches, work, cpuQuota,
                gcPauses);
    }

    /**
     * What a round with this device waits for in its synchronisation beyond the network: the device's own work per
     * round ({@link DeviceOverhead#roundSec}), except where its CPU quota is modelled, where that is work on the
     * budget instead ({@link #roundWorkSec}); and the coordination wait ({@link DeviceOverhead#coordinationSec})
     * either way.
     */
    public double roundWaitSec() {
        return (cpuQuota.limited() ? 0 : overhead.roundSec()) + overhead.coordinationSec();
    }

    /**
     * The part of the device's own work per round done as work beside its local batch, at its training rate: under
     * a modelled CPU quota, loading the parameters and encoding the gradient spend the same budget as the compute
     * (as a wait, the twin let the budget refill during it: the 0.15-CPU device's rounds took 0.64 s on the testbed
     * and 0.54 s in the twin of the 2026-11-30 11:40 study); 0 elsewhere.
     */
    public double roundWorkSec() {
        return cpuQuota.limited() ? overhead.roundSec() : 0;
    }

    public boolean batchDependent() {
        return !batches.isEmpty();
    }

    /** Standalone training throughput at local batch {@code batch}. */
    public double trainSamplesPerSecAt(double batch) {
        return batches.isEmpty() ? trainSamplesPerSec : interpolate(batch, BatchPoint::trainSamplesPerSec);
    }

    /** LC service-time multiplier while training at local batch {@code batch}. */
    public double serviceSlowdownAt(double batch) {
        return batches.isEmpty() ? interference.serviceSlowdown() : interpolate(batch, BatchPoint::serviceSlowdown);
    }

    /** Training memory at local batch {@code batch}. */
    public double trainMemoryMiBAt(double batch) {
        return batches.isEmpty() ? trainingMemory.atBatch(batch) : interpolate(batch, BatchPoint::memoryMiB);
    }

    /** The profiled batch sizes, ascending (empty when batch-independent). */
    public List<Integer> batchSizes() {
        return batches.stream().map(BatchPoint::batch).toList();
    }

    private double interpolate(double batch, java.util.function.ToDoubleFunction<BatchPoint> figure) {
        BatchPoint first = batches.get(0);
        if (batch <= first.batch()) {
            return figure.applyAsDouble(first);
        }
        for (int i = 1; i < batches.size(); i++) {
            BatchPoint hi = batches.get(i);
            if (batch <= hi.batch()) {
                BatchPoint lo = batches.get(i - 1);
                double w = (batch - lo.batch()) / (hi.batch() - lo.batch());
                return figure.applyAsDouble(lo) + w * (figure.applyAsDouble(hi) - figure.applyAsDouble(lo));
            }
        }
        return figure.applyAsDouble(batches.get(batches.size() - 1));
    }
}
