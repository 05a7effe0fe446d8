package io.deepedge.models.profile;

import java.util.List;
import java.util.Locale;

/**
 * Training's compute CPU a sample at one design point, alone and beside the services: the agent's compute thread's
 * CPU over the timed gradient calls of each phase, per sample. The design's co-located throughput holds two things the
 * twin keeps apart, training's share of the budget beside a request ({@code trainingCoresWhileServing}) and its work
 * per CPU second ({@code trainingSpeedWhileServing}); the CPU a sample is the second alone, what the testbed's runs
 * measure as {@code train_cpu_ms_per_sample} (lab notebook "A profile right before its pass, measured": the term
 * fitted on the throughput charged training about +45 % a sample beside a busy service where the testbed's job paid
 * +10 to +17 %).
 *
 * @param aloneMsPerSample CPU ms a sample with training alone (NaN: not measured)
 * @param colocatedMsPerSample CPU ms a sample beside the services (NaN: not measured)
 */
public record ComputeCpu(double aloneMsPerSample, double colocatedMsPerSample) {
    /** Not measured (an agent before protocol 1.7 reports no compute CPU; profiles written before 2026-12-07 20:30). */
    public static final ComputeCpu NONE = new ComputeCpu(Double.NaN, Double.NaN);

    public ComputeCpu {
        for (double ms : new double[] {aloneMsPerSample, colocatedMsPerSample}) {
            if (!Double.isNaN(ms) && !(ms > 0 && Double.isFinite(ms))) {
                throw new IllegalArgumentException("training's CPU a sample must be a positive number or NaN (not"
                        + " measured), got " + ms);
            }
        }
    }

    /** Whether both phases were measured. */
    public boolean measured() {
        return !Double.isNaN(aloneMsPerSample) && !Double.isNaN(colocatedMsPerSample);
    }

    /** Beside the services over alone (NaN unless both were measured). */
    public double colocatedOverAlone() {
        return measured() ? colocatedMsPerSample / aloneMsPerSample : Double.NaN;
    }

    /**
     * The same on hosts whose work a CPU second is {@code aloneHostSpeed} and {@code colocatedHostSpeed} times the
     * phases' own (a faster host spends less CPU on a sample: each figure divided by its speed).
     */
    public ComputeCpu onHosts(double aloneHostSpeed, double colocatedHostSpeed) {
        return new ComputeCpu(aloneMsPerSample / aloneHostSpeed, colocatedMsPerSample / colocatedHostSpeed);
    }

    /**
     * Several measurements of one point as one: each phase the mean of the measurements that measured both (as
     * {@link Measurement#mean} takes every figure's), {@link #NONE} when none did.
     */
    public static ComputeCpu mean(List<ComputeCpu> parts) {
        List<ComputeCpu> measured = parts.stream().filter(ComputeCpu::measured).toList();
        if (measured.isEmpty()) {
            return NONE;
        }
        return new ComputeCpu(measured.stream().mapToDouble(ComputeCpu::aloneMsPerSample).average().orElseThrow(),
                measured.stream().mapToDouble(ComputeCpu::colocatedMsPerSample).average().orElseThrow());
    }

    /**
     * The beside-over-alone ratios of {@code points}, sorted, of those that measured both (empty when none did): the
     * device's figure for what a request in service costs training a CPU second, read without the share.
     */
    public static double[] ratios(List<ComputeCpu> points) {
        return points.stream().filter(ComputeCpu::measured).mapToDouble(ComputeCpu::colocatedOverAlone).sorted()
                .toArray();
    }

    /** A point's progress text ("" when not measured). */
    public String text() {
        return measured() ? String.format(Locale.ROOT, "; training's compute CPU a sample %.3f ms alone,"
                + " %.3f beside (%+.1f %%)", aloneMsPerSample, colocatedMsPerSample,
                100 * (colocatedOverAlone() - 1)) : "";
    }
}
