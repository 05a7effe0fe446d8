package io.deepedge.hw.rpc;

import java.util.Objects;

/** One agent's answer to ComputeGradient: the gradient and loss summed over its local batch. */
public record GradientResult(long iteration, long paramsVersion, int sampleCount, float[] gradientSum,
                             double lossSum, double computeMs) {
    public GradientResult {
        Objects.requireNonNull(gradientSum, "gradientSum");
    }
}
