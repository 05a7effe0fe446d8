package io.deepedge.models.profile;

/**
 * How well the simulator's CPU quota model (a device measured under a CFS quota, README "The CPU quota in the
 * twin") predicts the design's co-located measurements: on the held-out points, which chose none of its co-location
 * terms (on every point in files written before 2026-12-02).
 *
 * @param trainColocatedSamplesPerSec |relative error| of the training throughput beside the services
 * @param serviceColocatedMeanMs |relative error| of the services' mean service time beside training
 * @param trainCpuRatio |relative error| of training's compute CPU a sample beside the services over alone
 *                      ({@link ComputeCpu#colocatedOverAlone}), the figure that chooses training's speed beside a
 *                      request; no points where the design did not measure it (profiles before 2026-12-07 20:30) or
 *                      the file predates the check (before 2026-12-08, until refitted)
 */
public record QuotaModelErrors(ErrorSummary trainColocatedSamplesPerSec, ErrorSummary serviceColocatedMeanMs,
                               ErrorSummary trainCpuRatio) {
    private static final ErrorSummary NO_POINTS = new ErrorSummary(0, 0, 0);

    /** Not evaluated (a device measured without a quota, or a file written before this check). */
    public static final QuotaModelErrors NONE = new QuotaModelErrors(NO_POINTS, NO_POINTS, NO_POINTS);

    public QuotaModelErrors {
        if (trainColocatedSamplesPerSec == null || serviceColocatedMeanMs == null || trainCpuRatio == null) {
            throw new IllegalArgumentException("all three error summaries must be given");
        }
    }

    /** Without training's CPU a sample (a design that did not measure it). */
    public QuotaModelErrors(ErrorSummary trainColocatedSamplesPerSec, ErrorSummary serviceColocatedMeanMs) {
        this(trainColocatedSamplesPerSec, serviceColocatedMeanMs, NO_POINTS);
    }

    public boolean evaluated() {
        return trainColocatedSamplesPerSec.points() > 0 || serviceColocatedMeanMs.points() > 0;
    }

    /** Whether some point compared training's CPU a sample. */
    public boolean cpuRatioEvaluated() {
        return trainCpuRatio.points() > 0;
    }
}
