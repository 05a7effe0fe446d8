package io.deepedge.hw.agent;

import java.util.Objects;

/** A local batch's gradient and loss, both summed over its samples. */
public record BatchGradient(float[] gradientSum, double lossSum) {
    public BatchGradient {
        Objects.requireNonNull(gradientSum, "gradientSum");
    }
}
