package io.deepedge.hw.coordinator;

import io.deepedge.hw.train.TrainingState;

import java.util.List;

/**
 * A job's committed state: where a rollback returns to, and what {@code --resume} continues from.
 *
 * @param round rounds committed (over all epochs)
 * @param samplesDone samples committed
 * @param state the parameter server's state; null at the job's start (the base model, no updater state yet)
 * @param trainedCounts per sample of the job, how often it was trained in committed rounds
 * @param layout the data position (null at the start)
 * @param run what the run had done by then (for {@code --resume})
 */
record JobCheckpoint(long round, long samplesDone, TrainingState state, int[] trainedCounts, List<DataLayout.Part> layout,
                     RunSoFar run) {
    /**
     * @param runSec the run's clock at the checkpoint (a resumed run's clock continues from it)
     * @param jobSec job time (from submission) at the checkpoint
     * @param workLostSec work lost by rollbacks before it
     * @param planTimeMs wall time in policy calls before it
     * @param policyCalls policy calls before it
     * @param failures device failures before it
     * @param firstPlan the first plan carried out (rendered), {@code rejected} its left-out devices
     * @param plan the plan in force (rendered)
     */
    record RunSoFar(double runSec, double jobSec, double workLostSec, double planTimeMs, int policyCalls, int failures,
                    String firstPlan, String rejected, String plan) {
        static final RunSoFar NONE = new RunSoFar(0, 0, 0, 0, 0, 0, "", "", "");
    }

    static JobCheckpoint start(int samples) {
        return new JobCheckpoint(0, 0, null, new int[samples], null, RunSoFar.NONE);
    }
}
