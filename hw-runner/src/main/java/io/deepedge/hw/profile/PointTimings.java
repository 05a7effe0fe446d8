package io.deepedge.hw.profile;

import java.util.Map;

/**
 * What one design point measured on an agent: the training throughput alone and beside the services (samples
 * per second of gradient compute), and each service's service times alone and beside training, by service name.
 */
record PointTimings(double trainAloneSamplesPerSec, double trainColocatedSamplesPerSec,
                    Map<String, ServiceTimes> alone, Map<String, ServiceTimes> colocated) {
    PointTimings {
        alone = Map.copyOf(alone);
        colocated = Map.copyOf(colocated);
    }
}
