package io.deepedge.hw.agent;

/**
 * The training work an agent performs on its shard; the coordinator is the parameter server. One worker holds
 * one shard and one model; the agent calls it from one thread at a time.
 */
public interface GradientWorker {
    /** Length of the parameter vector {@link #gradient} takes and of the gradient it returns. */
    int parameterCount();

    /** Samples in the shard this worker was loaded with. */
    int sampleCount();

    /**
     * The loss gradient at {@code params} over samples {@code [fromSample, fromSample + count)} of the shard,
     * summed (not averaged) over those samples, with the loss summed likewise. The agent checked the arguments:
     * {@code params.length == parameterCount()}, {@code count >= 1}, the range inside the shard.
     * Must not keep or modify {@code params}.
     */
    BatchGradient gradient(float[] params, int fromSample, int count);
}
