package io.deepedge.models.profile;

import io.deepedge.models.Checks;

/**
 * One operating point of a profiling design: training at local batch {@code batch} beside an LC service driven
 * at {@code ratePerSec}. Every point is measured in both co-location states (each side alone, then together).
 */
public record DesignPoint(int batch, double ratePerSec) {
    public DesignPoint {
        Checks.positive("batch", batch);
        Checks.positive("ratePerSec", ratePerSec);
    }
}
