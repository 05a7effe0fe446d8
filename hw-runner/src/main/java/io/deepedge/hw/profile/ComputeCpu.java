package io.deepedge.hw.profile;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Training's compute CPU a sample at one design point, alone and beside the services: the agent's compute thread's
 * CPU over the timed gradient calls of each phase, per sample. The design's co-located throughput holds two things the
 * twin keeps apart, training's share of the budget beside a request and its work per CPU second
 * ({@code trainingSpeedWhileServing}); the CPU a sample is the second alone, what the testbed's runs measure as
 * {@code train_cpu_ms_per_sample} (lab notebook "A profile right before its pass, measured": the fitted term charged
 * training about +45 % a sample beside a busy service where the testbed's job paid +10 to +17 %).
 *
 * @param aloneMsPerSample CPU ms a sample with training alone (NaN: not measured)
 * @param colocatedMsPerSample CPU ms a sample beside the services (NaN: not measured)
 */
record ComputeCpu(double aloneMsPerSample, double colocatedMsPerSample) {
    /** Not measured (an agent before protocol 1.7 reports no compute CPU). */
    static final ComputeCpu NONE = new ComputeCpu(Double.NaN, Double.NaN);

    /** Both phases' calls ({@link GradientCalls#computeCpu}: a phase without the figure is not measured). */
    static ComputeCpu of(List<GradientCalls.Call> alone, List<GradientCalls.Call> colocated) {
        return new ComputeCpu(msPerSample(alone), msPerSample(colocated));
    }

    private static double msPerSample(List<GradientCalls.Call> calls) {
        return GradientCalls.computeCpu(calls).map(io.deepedge.models.TrainingCpu::msPerSample).orElse(Double.NaN);
    }

    /** Whether both phases were measured. */
    boolean measured() {
        return !Double.isNaN(aloneMsPerSample) && !Double.isNaN(colocatedMsPerSample);
    }

    /** Beside the services over alone (NaN unless both were measured). */
    double colocatedOverAlone() {
        return measured() ? colocatedMsPerSample / aloneMsPerSample : Double.NaN;
    }

    /**
     * The points' beside-over-alone ratios, sorted, of the points that measured both (empty when none did): the
     * device's figure for what a request in service costs training a CPU second, read without the share.
     */
    static double[] ratios(List<PointTimings> points) {
        return points.stream().map(PointTimings::computeCpu).filter(ComputeCpu::measured)
                .mapToDouble(ComputeCpu::colocatedOverAlone).sorted().toArray();
    }

    /** The median of sorted {@code r}, as {@link #ratios} gives (the mean of the middle two for an even count). */
    static OptionalDouble median(double[] r) {
        if (r.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = r.length / 2;
        return OptionalDouble.of(r.length % 2 == 1 ? r[mid] : (r[mid - 1] + r[mid]) / 2);
    }

    /** A point's progress text ("" when not measured). */
    String text() {
        return measured() ? String.format(java.util.Locale.ROOT, "; training's compute CPU a sample %.3f ms alone,"
                + " %.3f beside (%+.1f %%)", aloneMsPerSample, colocatedMsPerSample,
                100 * (colocatedOverAlone() - 1)) : "";
    }
}
