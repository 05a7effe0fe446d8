package io.deepedge.models.profile;

import io.deepedge.models.ServiceTime;

/**
 * Picks the simulator's service-time family for a measured mean and coefficient of variation (cv).
 *
 * <ul>
 *   <li>cv below {@link #CONSTANT_BELOW}: {@code constant}. The Pollaczek-Khinchine mean wait is proportional to
 *       {@code (1 + cv^2) / 2}, so treating cv = 0.1 as 0 changes it by 1 %.</li>
 *   <li>cv within {@link #EXPONENTIAL_WITHIN} of 1: {@code exponential}, for which the latency predictor's M/M/1
 *       quantile is exact; the same factor changes by at most 2.5 %.</li>
 *   <li>otherwise {@code lognormal} with the measured mean and cv (the only supported family with a free cv).</li>
 * </ul>
 */
public final class ServiceTimeRule {
    public static final double CONSTANT_BELOW = 0.1;
    public static final double EXPONENTIAL_WITHIN = 0.025;

    private ServiceTimeRule() {
    }

    public static ServiceTime family(double meanMs, double cv) {
        if (cv < CONSTANT_BELOW) {
            return new ServiceTime.Constant(meanMs);
        }
        if (Math.abs(cv - 1) <= EXPONENTIAL_WITHIN) {
            return new ServiceTime.Exponential(meanMs);
        }
        return new ServiceTime.Lognormal(meanMs, cv);
    }
}
