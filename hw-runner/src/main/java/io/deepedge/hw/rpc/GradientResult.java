package io.deepedge.hw.rpc;

import java.util.Objects;

/**
 * One agent's answer to ComputeGradient: the gradient and loss summed over its local batch, and where the call's
 * time went ({@link CallParts}).
 */
public record GradientResult(long iteration, long paramsVersion, int sampleCount, float[] gradientSum,
                             double lossSum, double computeMs, CallParts parts) {
    public GradientResult {
        Objects.requireNonNull(gradientSum, "gradientSum");
        Objects.requireNonNull(parts, "parts");
    }

    /**
     * The parts of one gradient call besides the compute, in milliseconds: the caller's encoding of the parameters
     * (0 when it sent none) and decoding of the gradient, and the agent's decoding of the parameters, encoding of the
     * gradient and whole handler (NaN from an agent older than protocol 1.6, which does not report them); and the
     * CPU the agent spent: its handler thread's over the compute and its process's (every thread's) over the handler
     * (NaN from an agent older than protocol 1.7).
     */
    public record CallParts(double paramsEncodeMs, double agentParamsDecodeMs, double agentGradientEncodeMs,
                            double agentHandlerMs, double gradientDecodeMs, double agentComputeCpuMs,
                            double agentHandlerCpuMs) {
        /** The parts from an agent that does not report its CPU (before protocol 1.7). */
        public CallParts(double paramsEncodeMs, double agentParamsDecodeMs, double agentGradientEncodeMs,
                         double agentHandlerMs, double gradientDecodeMs) {
            this(paramsEncodeMs, agentParamsDecodeMs, agentGradientEncodeMs, agentHandlerMs, gradientDecodeMs,
                    Double.NaN, Double.NaN);
        }
    }
}
