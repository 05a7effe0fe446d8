package io.deepedge.models.monitoring;

import io.deepedge.models.Checks;
import io.deepedge.models.Plan;
import io.deepedge.models.TrainingJob;

/**
 * A running job as its mechanism sees it at the end of a monitoring interval.
 *
 * @param plan the plan in force
 * @param job the job
 * @param samplesDone samples committed so far, over all epochs
 * @param nowSec the mechanism's clock
 */
public record TrainingProgress(Plan plan, TrainingJob job, long samplesDone, double nowSec) {
    public TrainingProgress {
        if (plan == null || job == null) {
            throw new IllegalArgumentException("plan and job must be given");
        }
        Checks.nonNegative("samplesDone", samplesDone);
        Checks.nonNegative("nowSec", nowSec);
    }
}
