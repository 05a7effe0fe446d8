package io.deepedge.experiments.cli;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ColocationTerms;
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
 * Fits and checks the simulator's CPU quota model against a profiled device's co-located design points: each point
 * is simulated from the device's standalone figures, its quota and its co-location terms
 * ({@link ColocationPrediction}), and its co-located training throughput and mean service time compared with what
 * the agent measured. The terms ({@link ColocationTerms}) are fitted on the points that were not held out
 * ({@link #fit}); the check reports the held-out points then, and every point for a model without terms.
 */
final class QuotaModelCheck {
    /** Simulated seconds per point: long enough that a point's prediction moves by well under 1 % between seeds. */
    static final double SECONDS = 300;

    private QuotaModelCheck() {
    }

    /** The co-location terms' grid: fractions from these up to 1 in steps of {@link #TERM_STEP}. */
    static final double LOWEST_BACK_TO_BACK_CPU = 0.6;
    static final double LOWEST_TRAINING_SPEED = 0.5;
    static final double TERM_STEP = 0.05;

    /**
     * The device's quota model checked against its co-located design points: with no co-location terms, on every
     * point (none went into the model); with terms, on the held-out points only (the others chose the terms).
     *
     * @param shares each profiled service's share of a point's rate (service name to share, as the profiler split it)
     * @param memory the training memory model of the config (only for the device's figures)
     * @param link the device's link (a probe's run synchronises nothing over it)
     */
    static QuotaModelErrors errors(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory, Link link,
                                   long seed) {
        if (!d.cpuQuota().limited()) {
            return QuotaModelErrors.NONE;
        }
        boolean heldOutOnly = d.colocation().any();
        List<Double> trainPredicted = new ArrayList<>();
        List<Double> trainMeasured = new ArrayList<>();
        List<Double> servicePredicted = new ArrayList<>();
        List<Double> serviceMeasured = new ArrayList<>();
        for (int i = 0; i < d.design().size(); i++) {
            if (heldOutOnly && !d.design().get(i).heldOut()) {
                continue;
            }
            Measurement m = d.design().get(i).measurement();
            ColocationPrediction p = predict(d, i, shares, memory, link, seed);
            trainPredicted.add(p.trainSamplesPerSec());
            trainMeasured.add(m.trainColocatedSamplesPerSec());
            if (!Double.isNaN(p.serviceMeanMs())) {
                servicePredicted.add(p.serviceMeanMs());
                serviceMeasured.add(m.serviceColocatedMeanMs());
            }
        }
        return new QuotaModelErrors(summary(trainPredicted, trainMeasured), summary(servicePredicted, serviceMeasured));
    }

    /**
     * The co-location terms that bring the quota model closest to the design's co-located points that were not held
     * out: on a grid of both fractions ({@link #TERM_STEP} apart, up to 1), the least sum of squared log ratios of
     * predicted to measured co-located training throughput and mean service time; ties go to the terms nearer the
     * model as it is. {@link ColocationTerms#NONE} without a quota or with fewer than two such points.
     */
    static ColocationTerms fit(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory, Link link,
                               long seed) {
        List<Integer> fitted = new ArrayList<>();
        for (int i = 0; i < d.design().size(); i++) {
            if (!d.design().get(i).heldOut()) {
                fitted.add(i);
            }
        }
        if (!d.cpuQuota().limited() || fitted.size() < 2) {
            return ColocationTerms.NONE;
        }
        ColocationTerms best = ColocationTerms.NONE;
        double bestLoss = Double.POSITIVE_INFINITY;
        // from 1 down, so that a tie keeps the terms nearer the model as it is
        for (int a = 0; 1 - a * TERM_STEP >= LOWEST_BACK_TO_BACK_CPU - 1e-9; a++) {
            for (int b = 0; 1 - b * TERM_STEP >= LOWEST_TRAINING_SPEED - 1e-9; b++) {
                ColocationTerms terms = new ColocationTerms(gridValue(a), gridValue(b));
                ProfiledDevice candidate = d.withColocation(terms);
                double loss = 0;
                for (int i : fitted) {
                    Measurement m = d.design().get(i).measurement();
                    ColocationPrediction p = predict(candidate, i, shares, memory, link, seed);
                    loss += squaredLogRatio(p.trainSamplesPerSec(), m.trainColocatedSamplesPerSec());
                    if (!Double.isNaN(p.serviceMeanMs())) {
                        loss += squaredLogRatio(p.serviceMeanMs(), m.serviceColocatedMeanMs());
                    }
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = terms;
                }
            }
        }
        return best;
    }

    /** The grid's {@code steps}-th value below 1, rounded to the step's digits (0.65, not 0.6499999999999999). */
    private static double gridValue(int steps) {
        return Math.round((1 - steps * TERM_STEP) * 1000) / 1000.0;
    }

    private static double squaredLogRatio(double predicted, double measured) {
        double r = Math.log(predicted / measured);
        return Double.isFinite(r) ? r * r : 0.0;  // a point with nothing measured tells nothing
    }

    /** Design point {@code i} simulated from the device's standalone figures, its quota and its co-location terms. */
    static ColocationPrediction predict(ProfiledDevice d, int i, Map<String, Double> shares,
                                        TrainingMemory memory, Link link, long seed) {
        Device device = new Device(d.name(), "", d.deviceProfile(0, memory), link);
        Measurement m = d.design().get(i).measurement();
        List<ServiceInstance> services = new ArrayList<>();
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            ServiceProfile s = d.service(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "device " + d.name() + " has no profiled service " + e.getKey()));
            services.add(new ServiceInstance(s.name(), d.name(),
                    new Arrivals.Poisson(m.point().ratePerSec() * e.getValue()), d.twinServiceTime(s), 1e9, 0.99,
                    0, 0, d.twinCoresWhileServing(s, m.point().ratePerSec())));
        }
        return ColocationPrediction.of(device, services, m.point().batch(), SECONDS, seed + i);
    }

    private static ErrorSummary summary(List<Double> predicted, List<Double> measured) {
        return ErrorSummary.of(predicted.stream().mapToDouble(Double::doubleValue).toArray(),
                measured.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
