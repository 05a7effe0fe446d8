package io.deepedge.policies;

import io.deepedge.models.Checks;
import io.deepedge.models.ServiceInstance;

/**
 * An LC service instance and its monitored load.
 *
 * @param instance the service instance
 * @param currentRatePerSec the monitored arrival rate now
 */
public record ServiceLoad(ServiceInstance instance, double currentRatePerSec) {
    public ServiceLoad {
        if (instance == null) {
            throw new IllegalArgumentException("instance must be given");
        }
        Checks.nonNegative("currentRatePerSec", currentRatePerSec);
    }
}
