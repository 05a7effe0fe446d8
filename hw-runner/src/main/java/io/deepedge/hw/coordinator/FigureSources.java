package io.deepedge.hw.coordinator;

import java.util.Map;
import java.util.Set;

/**
 * Which planning figures the config gives (written in the config file), so calibration must not replace them.
 *
 * @param givenByDevice per device, the figures its entry writes; a device absent here gives none
 * @param servicesWithGivenTime the services whose entry writes {@code serviceTimeMs} (for all their instances)
 */
public record FigureSources(Map<String, Set<Figure>> givenByDevice, Set<String> servicesWithGivenTime) {
    /** A device's planning figures (its memory always comes from the config). */
    public enum Figure {
        /** {@code profile.trainSamplesPerSec} or {@code profile.batches} (which also gives the service slowdown). */
        TRAIN_SAMPLES_PER_SEC,
        /** {@code profile.interference.serviceSlowdown} or {@code profile.batches}. */
        SERVICE_SLOWDOWN,
        /** {@code profile.interference.trainingSlowdown}. */
        TRAINING_SLOWDOWN
    }

    public FigureSources {
        givenByDevice = Map.copyOf(givenByDevice);
        servicesWithGivenTime = Set.copyOf(servicesWithGivenTime);
    }

    /** Nothing given: every figure is calibrated. */
    public static FigureSources none() {
        return new FigureSources(Map.of(), Set.of());
    }

    public boolean given(String device, Figure figure) {
        return givenByDevice.getOrDefault(device, Set.of()).contains(figure);
    }

    public boolean serviceTimeGiven(String service) {
        return servicesWithGivenTime.contains(service);
    }
}
