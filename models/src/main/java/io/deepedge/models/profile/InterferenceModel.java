package io.deepedge.models.profile;

import io.deepedge.models.Checks;

/**
 * A device's fitted performance model: standalone training throughput by batch and both interference factors by
 * batch and LC load.
 *
 * <ul>
 *   <li>Throughput: one standalone iteration of batch {@code b} takes {@code iterationBaseSec +
 *       iterationPerSampleSec b} (a fixed per-iteration cost plus a per-sample cost), so {@code r(b) = b /
 *       (base + perSample b)} rises and saturates in {@code b}, and never faster than the batch.</li>
 *   <li>LC service-time inflation while training: {@code phi(b, rho) = max(1, serviceIntercept +
 *       servicePerBatch b + servicePerUtilisation rho)}, {@code rho} the standalone LC utilisation of the
 *       device (rate x alone service time): the co-located mean service time is {@code phi x serviceAloneMs}.</li>
 *   <li>Training slowdown under LC load, by the simulator's own mechanism (training progresses
 *       {@code trainingSlowdownWhileServing} times slower while an LC request is in service): with the share
 *       {@code u = min(1, rho phi(b, rho))} of time an inflated request is in service, training does
 *       {@code (1 - u) + u / s} of its standalone work per second, so the slowdown is
 *       {@code 1 / (1 - u (1 - 1/s))}. Fitting {@code s} rather than a free surface makes the simulator, which
 *       applies {@code s} request by request, reproduce the measured slowdown at every batch and load.</li>
 * </ul>
 *
 * @param serviceAloneMs the alone service time (ms) phi multiplies and {@code rho} is read at: the rate-weighted mean
 *        of the fitted points' alone service times, which the simulator's service time is too; 0 for a model fitted
 *        before 2026-12-04, whose phi was each point's own co-located over alone ratio (then {@link #utilisationAt} and
 *        {@link #measuredServiceSlowdown} read each point at its own alone time)
 */
public record InterferenceModel(double iterationBaseSec, double iterationPerSampleSec, double serviceIntercept,
                                double servicePerBatch, double servicePerUtilisation,
                                double trainingSlowdownWhileServing, double serviceAloneMs) {
    /** The simulator's range of slowdown factors. */
    public static final double MAX_SLOWDOWN = 1000;

    public InterferenceModel {
        Checks.positive("iterationPerSampleSec", iterationPerSampleSec);
        if (!(iterationBaseSec + iterationPerSampleSec > 0) || !Double.isFinite(iterationBaseSec)) {
            throw new IllegalArgumentException("iterationBaseSec + iterationPerSampleSec must be > 0 (an iteration of"
                    + " batch 1 takes positive time): " + iterationBaseSec + " + " + iterationPerSampleSec);
        }
        for (double c : new double[] {serviceIntercept, servicePerBatch, servicePerUtilisation}) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("service slowdown coefficients must be finite (" + c + ")");
            }
        }
        Checks.atLeast("trainingSlowdownWhileServing", 1.0, trainingSlowdownWhileServing);
        if (trainingSlowdownWhileServing > MAX_SLOWDOWN) {
            throw new IllegalArgumentException("trainingSlowdownWhileServing must be <= " + MAX_SLOWDOWN);
        }
        Checks.nonNegative("serviceAloneMs", serviceAloneMs);
    }

    /** A model whose phi is each point's own co-located over alone ratio (no {@link #serviceAloneMs}). */
    public InterferenceModel(double iterationBaseSec, double iterationPerSampleSec, double serviceIntercept,
                             double servicePerBatch, double servicePerUtilisation,
                             double trainingSlowdownWhileServing) {
        this(iterationBaseSec, iterationPerSampleSec, serviceIntercept, servicePerBatch, servicePerUtilisation,
                trainingSlowdownWhileServing, 0);
    }

    /**
     * The standalone LC utilisation this model reads design point {@code m} at: its rate x {@link #serviceAloneMs}
     * (x the point's own alone service time for a model without one).
     */
    public double utilisationAt(Measurement m) {
        return serviceAloneMs > 0 ? m.point().ratePerSec() * serviceAloneMs / 1000 : m.utilisation();
    }

    /**
     * Design point {@code m}'s phi as this model defines it: its co-located mean service time over {@link
     * #serviceAloneMs} (over its own alone one for a model without it).
     */
    public double measuredServiceSlowdown(Measurement m) {
        return serviceAloneMs > 0 ? m.serviceColocatedMeanMs() / serviceAloneMs : m.serviceSlowdown();
    }

    /** Standalone training throughput at local batch {@code batch}. */
    public double trainSamplesPerSec(double batch) {
        return batch / (iterationBaseSec + iterationPerSampleSec * batch);
    }

    /** LC service-time multiplier while training at {@code batch} with standalone LC utilisation {@code rho}. */
    public double serviceSlowdown(double batch, double rho) {
        double phi = serviceIntercept + servicePerBatch * batch + servicePerUtilisation * rho;
        return Math.min(MAX_SLOWDOWN, Math.max(1, phi));
    }

    /** Training time multiplier at {@code batch} under standalone LC utilisation {@code rho}. */
    public double trainingSlowdown(double batch, double rho) {
        double busy = Math.min(1, rho * serviceSlowdown(batch, rho));
        return 1 / (1 - busy * (1 - 1 / trainingSlowdownWhileServing));
    }
}
