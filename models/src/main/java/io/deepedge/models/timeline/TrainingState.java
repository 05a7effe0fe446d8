package io.deepedge.models.timeline;

/**
 * What a device does for the training job at a moment, as timeline.csv names it. The simulator and the testbed
 * derive the same states: a device of the running plan transfers its shard, computes its local batch, waits at the
 * barrier for the slowest device, synchronises (parameter exchange and update), or waits while the checkpoint is
 * written; a device that is down is failed; any other device (not in the plan, the job waiting for a plan or
 * finished) is idle.
 */
public enum TrainingState {
    TRANSFER("transfer"),
    COMPUTE("compute"),
    BARRIER("barrier"),
    SYNC("sync"),
    CHECKPOINT("checkpoint"),
    FAILED("failed"),
    IDLE("idle");

    private final String id;

    TrainingState(String id) {
        this.id = id;
    }

    /** The name in timeline.csv's {@code state} column. */
    public String id() {
        return id;
    }
}
