package io.deepedge.hw.coordinator;

import java.util.List;
import java.util.Map;

/**
 * What one agent measured at start, inside its CPU quota (see {@link AgentCalibration}); {@link PlanningFigures}
 * turns it into the figures a policy plans with.
 *
 * @param device the device's name
 * @param quotaCores the CPU quota it ran under (0: none)
 * @param repetitions timed gradients per batch size (medians of these)
 * @param batches training throughput at each calibrated local batch, ascending
 * @param services per LC service on the device (by service name), its service times alone and beside training;
 *                 empty when the device hosts none
 * @param requests timed requests per service and condition
 * @param dutyCycle the fraction of one core each service used while timed (a pause follows each request)
 * @param trainingBatch the local batch of the gradients that ran beside the services
 * @param trainingAloneSamplesPerSec back-to-back training alone at {@code trainingBatch} (0 without services)
 * @param trainingBesideSamplesPerSec the same while the services were timed (0 without services)
 * @param busyFraction the fraction of that time a request was in service (0 without services)
 */
public record CalibrationMeasurements(String device, double quotaCores, int repetitions, List<BatchRate> batches,
                                      Map<String, ServiceTimes> services, int requests, double dutyCycle,
                                      int trainingBatch, double trainingAloneSamplesPerSec,
                                      double trainingBesideSamplesPerSec, double busyFraction) {
    /** Median gradient time of one local batch and the throughput it gives. */
    public record BatchRate(int batch, double medianMs, double samplesPerSec) {
    }

    /** Service times of one service (wall time, one request at a time), alone and beside back-to-back training. */
    public record ServiceTimes(double aloneMeanMs, double aloneCv, double trainingMeanMs, double trainingCv) {
    }

    public CalibrationMeasurements {
        batches = List.copyOf(batches);
        services = Map.copyOf(services);
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("device " + device + ": no calibrated batch");
        }
    }
}
