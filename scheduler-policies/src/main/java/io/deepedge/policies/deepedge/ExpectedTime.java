package io.deepedge.policies.deepedge;

import io.deepedge.models.Link;
import io.deepedge.models.RetrainTime;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.Worker;

import java.util.ArrayList;
import java.util.List;

/**
 * The re-training time of a device set as the plan would run it: the integer equal-finish split within the
 * caps ({@link EqualFinishSplit}), then {@link RetrainTime#expectedSec}. Infinite when the caps cannot hold
 * the split.
 */
final class ExpectedTime {
    private ExpectedTime() {
    }

    static double of(List<Candidate> set, TrainingJob job, Link serverLink) {
        double[] continuous = EqualFinishSplit.shares(set, job);
        long[] shares = continuous == null ? null : EqualFinishSplit.integerShares(set, continuous, job.samples());
        if (shares == null) {
            return Double.POSITIVE_INFINITY;
        }
        List<Worker> workers = new ArrayList<>(set.size());
        for (Candidate c : set) {
            workers.add(c.worker());
        }
        return RetrainTime.expectedSec(job, serverLink, workers, shares);
    }
}
