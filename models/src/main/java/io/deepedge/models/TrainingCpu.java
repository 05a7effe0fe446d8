package io.deepedge.models;

import java.util.Map;

/**
 * The CPU a device's training spent on the local batches it finished in a run: on the testbed the agent's thread
 * over each gradient call's compute (rounds.csv's {@code compute_cpu_ms}, summed over every call), in the twin the
 * training threads' modelled CPU over each batch's compute under the device's quota (not the round's own work). Its
 * ratio, the CPU per sample, is the figure the twin takes from the profile: comparing it tells whether a device's
 * training cost what the profile measured once it ran in rounds beside the device's services.
 *
 * @param cpuMs CPU milliseconds over the finished batches, >= 0
 * @param samples the samples of those batches, >= 0
 */
public record TrainingCpu(double cpuMs, long samples) {
    public static final TrainingCpu NONE = new TrainingCpu(0, 0);

    public TrainingCpu {
        Checks.nonNegative("cpuMs", cpuMs);
        Checks.nonNegative("samples", samples);
    }

    /** This tally with one more finished batch. */
    public TrainingCpu plus(double batchCpuMs, long batchSamples) {
        return new TrainingCpu(cpuMs + batchCpuMs, samples + batchSamples);
    }

    /** CPU milliseconds per sample; NaN without a sample. */
    public double msPerSample() {
        return samples == 0 ? Double.NaN : cpuMs / samples;
    }

    /**
     * The runs.csv cell {@code train_cpu_ms_per_sample}: {@code device:ms} pairs joined by {@code ;} in device-name
     * order, as the {@code plan} cell lists devices; a device without a finished batch is left out, and the cell is
     * empty when none was measured.
     */
    public static String render(Map<String, TrainingCpu> byDevice) {
        return DeviceCells.render(byDevice, c -> c.samples > 0, TrainingCpu::msPerSample);
    }
}
