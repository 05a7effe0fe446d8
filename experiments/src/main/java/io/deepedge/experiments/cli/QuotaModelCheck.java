package io.deepedge.experiments.cli;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.Link;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.ServiceProfile;
import io.deepedge.sim.ColocationPrediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the simulator's CPU quota model against a profiled device's co-located design points: each point is
 * simulated from the device's standalone figures and its quota alone ({@link ColocationPrediction}), and its
 * co-located training throughput and mean service time compared with what the agent measured. None of those
 * measurements went into the model, so every point counts.
 */
final class QuotaModelCheck {
    /** Simulated seconds per point: long enough that a point's prediction moves by well under 1 % between seeds. */
    static final double SECONDS = 300;

    private QuotaModelCheck() {
    }

    /**
     * @param shares each profiled service's share of a point's rate (service name to share, as the profiler split it)
     * @param memory the training memory model of the config (only for the device's figures)
     * @param link the device's link (a probe's run synchronises nothing over it)
     */
    static QuotaModelErrors errors(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory, Link link,
                                   long seed) {
        if (!d.cpuQuota().limited()) {
            return QuotaModelErrors.NONE;
        }
        Device device = new Device(d.name(), "", d.deviceProfile(0, memory), link);
        List<Double> trainPredicted = new ArrayList<>();
        List<Double> trainMeasured = new ArrayList<>();
        List<Double> servicePredicted = new ArrayList<>();
        List<Double> serviceMeasured = new ArrayList<>();
        for (int i = 0; i < d.design().size(); i++) {
            Measurement m = d.design().get(i).measurement();
            List<ServiceInstance> services = new ArrayList<>();
            for (Map.Entry<String, Double> e : shares.entrySet()) {
                ServiceProfile s = d.service(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "device " + d.name() + " has no profiled service " + e.getKey()));
                services.add(new ServiceInstance(s.name(), d.name(),
                        new Arrivals.Poisson(m.point().ratePerSec() * e.getValue()), d.twinServiceTime(s), 1e9, 0.99,
                        0, 0, d.twinCoresWhileServing(s, m.point().ratePerSec())));
            }
            ColocationPrediction p = ColocationPrediction.of(device, services, m.point().batch(), SECONDS, seed + i);
            trainPredicted.add(p.trainSamplesPerSec());
            trainMeasured.add(m.trainColocatedSamplesPerSec());
            if (!Double.isNaN(p.serviceMeanMs())) {
                servicePredicted.add(p.serviceMeanMs());
                serviceMeasured.add(m.serviceColocatedMeanMs());
            }
        }
        return new QuotaModelErrors(summary(trainPredicted, trainMeasured), summary(servicePredicted, serviceMeasured));
    }

    private static ErrorSummary summary(List<Double> predicted, List<Double> measured) {
        return ErrorSummary.of(predicted.stream().mapToDouble(Double::doubleValue).toArray(),
                measured.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
