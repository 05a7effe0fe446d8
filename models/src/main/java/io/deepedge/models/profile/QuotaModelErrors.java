package io.deepedge.models.profile;

/**
 * How well the simulator's CPU quota model (a device measured under a CFS quota, README "The CPU quota in the
 * twin") predicts the design's co-located measurements. The model takes nothing from them (only the standalone
 * figures and the quota), so every design point is out of sample.
 *
 * @param trainColocatedSamplesPerSec |relative error| of the training throughput beside the services
 * @param serviceColocatedMeanMs |relative error| of the services' mean service time beside training
 */
public record QuotaModelErrors(ErrorSummary trainColocatedSamplesPerSec, ErrorSummary serviceColocatedMeanMs) {
    /** Not evaluated (a device measured without a quota, or a file written before this check). */
    public static final QuotaModelErrors NONE = new QuotaModelErrors(new ErrorSummary(0, 0, 0), new ErrorSummary(0, 0, 0));

    public QuotaModelErrors {
        if (trainColocatedSamplesPerSec == null || serviceColocatedMeanMs == null) {
            throw new IllegalArgumentException("both error summaries must be given");
        }
    }

    public boolean evaluated() {
        return trainColocatedSamplesPerSec.points() > 0 || serviceColocatedMeanMs.points() > 0;
    }
}
