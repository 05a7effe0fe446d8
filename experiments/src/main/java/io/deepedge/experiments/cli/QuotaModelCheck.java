package io.deepedge.experiments.cli;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ColocationTerms;
import io.deepedge.models.Device;
import io.deepedge.models.HostProbe;
import io.deepedge.models.Link;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ComputeCpu;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HostNormalised;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.ServiceProfile;
import io.deepedge.sim.ColocationPrediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Fits and checks the simulator's CPU quota model against a profiled device's co-located design points: each point
 * is simulated from the device's standalone figures, its quota and its co-location terms
 * ({@link ColocationPrediction}), on the host its phase was measured on where the profile probed it
 * ({@link #phaseHostSpeed}), and its co-located training throughput and mean service time compared with what
 * the agent measured. The terms ({@link ColocationTerms}) are fitted on the points that were not held out
 * ({@link #fit}); the check reports the held-out points then, and every point for a model without terms.
 */
final class QuotaModelCheck {
    /** Simulated seconds per point: long enough that a point's prediction moves by well under 1 % between seeds. */
    static final double SECONDS = 300;
    /**
     * At most this many phases per latency prediction: {@link #SECONDS} of 15-s phases (the fidelity study's) are 20,
     * but of a short profile's 0.5-2.5 s phases 120-600, each a run of its own to set up, 121 times over in the fit
     * ({@link #withLatencyTerms}), while the agents measured the point in one phase: 20 predict its median far more
     * finely than that one phase measured it.
     */
    static final int MAX_LATENCY_PHASES = 20;

    private QuotaModelCheck() {
    }

    /** The co-location terms' grid: fractions from these up to 1 in steps of {@link #TERM_STEP}. */
    static final double LOWEST_BACK_TO_BACK_CPU = 0.6;
    static final double LOWEST_TRAINING_SPEED = 0.5;
    static final double LOWEST_TRAINING_CORES = 0.5;
    static final double LOWEST_COLD_REQUEST_SPEED = 0.5;
    static final double TERM_STEP = 0.05;

    /**
     * The device's quota model, with its co-location terms, checked against its co-located design points: the
     * held-out ones when {@code heldOutOnly} (the others chose the terms, {@link #fit}), else every one: training's
     * throughput and the services' mean beside each other, and training's compute CPU a sample beside over alone where
     * the point measured it (the figure {@link #fit} chooses training's speed beside a request on).
     *
     * @param shares each profiled service's share of a point's rate (service name to share, as the profiler split it)
     * @param memory the training memory model of the config (only for the device's figures)
     * @param link the device's link (a probe's run synchronises nothing over it)
     * @return the points predicted beside measured, none without a quota; {@link Comparison#errors} sums them up
     */
    static Comparison checked(ProfiledDevice d, boolean heldOutOnly, Map<String, Double> shares,
                              TrainingMemory memory, Link link, long seed) {
        if (!d.cpuQuota().limited()) {
            return Comparison.empty();
        }
        List<Integer> points = points(d, p -> !heldOutOnly || p.heldOut());
        return compare(d, points, shares, memory, link, seed,
                twinAloneCpuMsPerSample(d, points, memory, link, seed));
    }

    /**
     * The co-location terms that bring the quota model closest to the design's co-located points that were not held
     * out: on a grid of both fractions ({@link #TERM_STEP} apart, up to 1), the least sum of squared log ratios of
     * predicted to measured co-located training throughput and mean service time; a tie keeps the pair met first,
     * from (1, 1) down with {@code backToBackCpu} in the outer loop. Where the points measured training's compute CPU
     * a sample ({@link ComputeCpu}), its co-located-over-alone ratio takes the throughput's place: it is training's
     * work per CPU second beside a request ({@code trainingSpeedWhileServing}) without the share of the budget it
     * gets then, which the throughput holds too and the latency terms choose ({@link #withLatencyTerms}); fitted on
     * the throughput, the term charged training +45 % a sample beside a busy service where the testbed's runs paid +10
     * to +17 % (lab notebook "A profile right before its pass, measured"). {@link ColocationTerms#NONE} without a
     * quota or with fewer than two such points.
     */
    static ColocationTerms fit(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory, Link link,
                               long seed) {
        List<Integer> fitted = points(d, p -> !p.heldOut());
        if (!d.cpuQuota().limited() || fitted.size() < 2) {
            return ColocationTerms.NONE;
        }
        Map<Integer, Double> aloneCpuMs = twinAloneCpuMsPerSample(d, fitted, memory, link, seed);
        ColocationTerms best = ColocationTerms.NONE;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int a = 0; a <= gridSteps(LOWEST_BACK_TO_BACK_CPU); a++) {
            for (int b = 0; b <= gridSteps(LOWEST_TRAINING_SPEED); b++) {
                ColocationTerms terms = new ColocationTerms(gridValue(a), gridValue(b));
                Comparison c = compare(d.withColocation(terms), fitted, shares, memory, link, seed, aloneCpuMs);
                // training's CPU a sample chooses its speed beside a request; its throughput, the share of a core
                // it gets then, is the latency terms' (withLatencyTerms)
                double loss = c.cpuMeasured() ? c.squaredLogLossWithoutThroughput() : c.squaredLogLoss();
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = terms;
                }
            }
        }
        return withLatencyTerms(d, best, fitted, shares, memory, link, seed, aloneCpuMs);
    }

    /**
     * A device's co-location terms fitted on its measured points ({@link #fit}, then the co-runner probe's term, which
     * no point chooses), the quota model checked on its held-out points ({@link #checked}; the device carries its
     * errors) and the latency checks on every point that measured one ({@link #latency}, {@link #latencyAlone}), as
     * {@code profile} does after measuring a quota-limited device and {@code profile --refit} on a file's points.
     */
    static Fitted fitAndCheck(ProfiledDevice measured, Map<String, Double> shares, TrainingMemory memory, Link link,
                              long seed, double coRunnerSpeed) {
        ProfiledDevice d = measured.withColocation(fit(measured, shares, memory, link, seed)
                .withCoRunnerSpeed(coRunnerSpeed));
        // the points not held out chose the terms (whatever they chose): the check is the held-out ones
        Comparison check = checked(d, true, shares, memory, link, seed);
        d = d.withQuotaModelErrors(check.errors());
        return new Fitted(d, check, latency(d, shares, memory, link, seed),
                latencyAlone(d, shares, memory, link, seed));
    }

    /**
     * What {@link #fitAndCheck} gives: the device with its terms and quota model errors, the check those errors sum
     * up, and its latency beside training and with the services alone, the twin's against the agents' (empty where
     * no point measured one).
     */
    record Fitted(ProfiledDevice device, Comparison check, LatencyComparison latency, LatencyComparison alone) {
    }

    /**
     * {@code terms} with the two terms the latency beside training chooses: the share of a core training gets beside a
     * request ({@code trainingCoresWhileServing}) and the speed of a request that finds its service idle
     * ({@code coldRequestSpeed}), on a grid of both from 1 down to their lowest ({@link #LOWEST_TRAINING_CORES},
     * {@link #LOWEST_COLD_REQUEST_SPEED}) in steps of {@link #TERM_STEP}: the pair of least sum of squared log ratios
     * of the means (as {@link #fit}) and of the median latencies; a tie keeps the pair met first, from (1, 1) down
     * with the share of a core in the outer loop. The means alone cannot choose them: a queue that grows beside
     * training shows in the latency, not in the mean service time, and a costlier cold request shows in both. A grid
     * of both, not one after the other: scanned in turn they stopped at (0.75, 0.8) on points made with (0.65, 0.7)
     * ({@code QuotaModelCheckTest}). Unchanged with fewer than two fitted points that measured their latency (files
     * written before they did).
     */
    static ColocationTerms withLatencyTerms(ProfiledDevice d, ColocationTerms terms, List<Integer> fitted,
                                            Map<String, Double> shares, TrainingMemory memory, Link link, long seed) {
        return withLatencyTerms(d, terms, fitted, shares, memory, link, seed,
                twinAloneCpuMsPerSample(d, fitted, memory, link, seed));
    }

    private static ColocationTerms withLatencyTerms(ProfiledDevice d, ColocationTerms terms, List<Integer> fitted,
                                                    Map<String, Double> shares, TrainingMemory memory, Link link,
                                                    long seed, Map<Integer, Double> aloneCpuMs) {
        Map<Integer, Double> measuredMedianMs = new java.util.LinkedHashMap<>();
        for (int i : fitted) {
            ColocatedLatency l = d.design().get(i).averaged().latencyColocated();
            if (l.measured()) {
                measuredMedianMs.put(i, l.medianMs());
            }
        }
        if (measuredMedianMs.size() < 2) {
            return terms;
        }
        ColocationTerms best = terms;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int c = 0; c <= gridSteps(LOWEST_TRAINING_CORES); c++) {
            for (int k = 0; k <= gridSteps(LOWEST_COLD_REQUEST_SPEED); k++) {
                ColocationTerms candidate = terms.withTrainingCoresWhileServing(gridValue(c))
                        .withColdRequestSpeed(gridValue(k));
                double loss = latencyLoss(d.withColocation(candidate), fitted, measuredMedianMs, shares, memory, link,
                        seed, aloneCpuMs);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = candidate;
                }
            }
        }
        return best;
    }

    /**
     * The squared log ratios of {@code with}'s means to the fitted points' (as {@link #fit}) plus those of its median
     * latency beside training to {@code measuredMedianMs}, point by point.
     */
    private static double latencyLoss(ProfiledDevice with, List<Integer> fitted, Map<Integer, Double> measuredMedianMs,
                                      Map<String, Double> shares, TrainingMemory memory, Link link, long seed,
                                      Map<Integer, Double> aloneCpuMs) {
        double loss = compare(with, fitted, shares, memory, link, seed, aloneCpuMs).squaredLogLoss();
        for (Map.Entry<Integer, Double> e : measuredMedianMs.entrySet()) {
            double r = Math.log(predictLatency(with, e.getKey(), shares, memory, link, seed).medianMs() / e.getValue());
            loss += r * r;
        }
        return loss;
    }

    /** The indices of {@code d}'s design points that {@code chosen} accepts, in order. */
    private static List<Integer> points(ProfiledDevice d, Predicate<ProfiledDevice.MeasuredPoint> chosen) {
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < d.design().size(); i++) {
            if (chosen.test(d.design().get(i))) {
                points.add(i);
            }
        }
        return points;
    }

    /** Steps of {@link #TERM_STEP} from 1 down to {@code lowest}. */
    private static int gridSteps(double lowest) {
        return (int) Math.round((1 - lowest) / TERM_STEP);
    }

    /** The grid's {@code steps}-th value below 1, rounded to the step's digits (0.65, not 0.6499999999999999). */
    private static double gridValue(int steps) {
        return Math.round((1 - steps * TERM_STEP) * 1000) / 1000.0;
    }

    /**
     * Predicted and measured co-located figures of some design points (the service's where the twin gives one;
     * training's compute CPU a sample beside the services over alone where the point measured it).
     */
    record Comparison(List<Double> trainPredicted, List<Double> trainMeasured, List<Double> servicePredicted,
                      List<Double> serviceMeasured, List<Double> cpuRatioPredicted, List<Double> cpuRatioMeasured) {
        static Comparison empty() {
            return new Comparison(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>(), new ArrayList<>());
        }

        /**
         * Every device's points together: one median per figure over all of them, which the few held-out points of
         * one device cannot give.
         */
        static Comparison pooled(List<Comparison> devices) {
            Comparison all = empty();
            for (Comparison c : devices) {
                all.trainPredicted().addAll(c.trainPredicted());
                all.trainMeasured().addAll(c.trainMeasured());
                all.servicePredicted().addAll(c.servicePredicted());
                all.serviceMeasured().addAll(c.serviceMeasured());
                all.cpuRatioPredicted().addAll(c.cpuRatioPredicted());
                all.cpuRatioMeasured().addAll(c.cpuRatioMeasured());
            }
            return all;
        }

        /** Equal to {@link QuotaModelErrors#NONE} when no point was compared. */
        QuotaModelErrors errors() {
            return new QuotaModelErrors(summary(trainPredicted, trainMeasured),
                    summary(servicePredicted, serviceMeasured), summary(cpuRatioPredicted, cpuRatioMeasured));
        }

        /**
         * The sum of squared log ratios of predicted to measured; a point measured at nothing is left out (it tells
         * nothing), one predicted at nothing against a measured figure counts infinitely wrong.
         */
        double squaredLogLoss() {
            return squaredLogLoss(trainPredicted, trainMeasured) + squaredLogLossWithoutThroughput();
        }

        /** The same without the training throughput's ratios. */
        double squaredLogLossWithoutThroughput() {
            return squaredLogLoss(servicePredicted, serviceMeasured)
                    + squaredLogLoss(cpuRatioPredicted, cpuRatioMeasured);
        }

        /** Whether some point compared training's compute CPU a sample. */
        boolean cpuMeasured() {
            return !cpuRatioMeasured.isEmpty();
        }

        private static double squaredLogLoss(List<Double> predicted, List<Double> measured) {
            double loss = 0;
            for (int i = 0; i < predicted.size(); i++) {
                if (measured.get(i) > 0) {
                    double r = predicted.get(i) > 0 ? Math.log(predicted.get(i) / measured.get(i))
                            : Double.POSITIVE_INFINITY;
                    loss += r * r;
                }
            }
            return loss;
        }
    }

    /**
     * Design points {@code points} of {@code d} simulated and set beside what the agent measured; training's CPU a
     * sample beside over alone at the points {@code aloneCpuMs} holds the twin's alone figure for
     * ({@link #twinAloneCpuMsPerSample}).
     */
    private static Comparison compare(ProfiledDevice d, List<Integer> points, Map<String, Double> shares,
                                      TrainingMemory memory, Link link, long seed, Map<Integer, Double> aloneCpuMs) {
        Comparison c = Comparison.empty();
        for (int i : points) {
            // a point measured again is compared with the mean of its measurements
            Measurement m = d.design().get(i).averaged();
            ColocationPrediction p = predict(d, i, shares, memory, link, seed);
            c.trainPredicted().add(p.trainSamplesPerSec());
            c.trainMeasured().add(m.trainColocatedSamplesPerSec());
            if (aloneCpuMs.containsKey(i) && p.trainCpuMsPerSample() > 0) {
                c.cpuRatioPredicted().add(p.trainCpuMsPerSample() / aloneCpuMs.get(i));
                c.cpuRatioMeasured().add(m.computeCpu().colocatedOverAlone());
            }
            if (!Double.isNaN(p.serviceMeanMs())) {
                c.servicePredicted().add(p.serviceMeanMs());
                c.serviceMeasured().add(m.serviceColocatedMeanMs());
            }
        }
        return c;
    }

    /**
     * Design point {@code i} simulated from the device's standalone figures, its quota and its co-location terms, on
     * the host of its co-located phase ({@link #phaseHostSpeed}).
     */
    static ColocationPrediction predict(ProfiledDevice d, int i, Map<String, Double> shares,
                                        TrainingMemory memory, Link link, long seed) {
        Measurement m = d.design().get(i).averaged();
        return ColocationPrediction.of(pointDevice(d, memory, link), services(d, m.point(), shares, 0),
                m.point().batch(), SECONDS, seed + i, phaseHostSpeed(d, m.hosts().together()));
    }

    /**
     * Design point {@code i}'s training-alone phase simulated as {@link #predict} does the co-located one: training at
     * the point's batch, no service, on the host of that phase.
     */
    static ColocationPrediction predictAlone(ProfiledDevice d, int i, TrainingMemory memory, Link link, long seed) {
        Measurement m = d.design().get(i).averaged();
        return ColocationPrediction.of(pointDevice(d, memory, link), List.of(), m.point().batch(), SECONDS, seed + i,
                phaseHostSpeed(d, m.hosts().trainAlone()));
    }

    /**
     * The twin's training CPU a sample alone ({@link #predictAlone}) at those of {@code points} that measured training's
     * compute CPU a sample, by point: the same for every candidate of a fit's grids, whose terms act only while a
     * request is in service, so simulated once a fit rather than once a candidate.
     */
    private static Map<Integer, Double> twinAloneCpuMsPerSample(ProfiledDevice d, List<Integer> points,
                                                                TrainingMemory memory, Link link, long seed) {
        Map<Integer, Double> ms = new java.util.HashMap<>();
        for (int i : points) {
            if (d.design().get(i).averaged().computeCpu().measured()) {
                double alone = predictAlone(d, i, memory, link, seed).trainCpuMsPerSample();
                if (alone > 0) {
                    ms.put(i, alone);
                }
            }
        }
        return ms;
    }

    /**
     * The host one phase of a point was measured on, as the twin's host speed ({@link
     * io.deepedge.sim.RunSpec#hostSpeed}): the design's mean probe step over the phase's ({@link
     * HostNormalised#reference}, the host the standalone figures the twin runs on were measured at; a faster host
     * takes a shorter step and does more a CPU second). This machine's CPUs change speed every 10-60 s on their own, so
     * a point's co-located phase ran on a host up to 16 % faster or slower than the design's mean (the 17:16
     * profile of 2026-12-06), and a fit that read it at the mean host took that for the co-location's effect. NaN
     * (the profile's own host) when the phase or some phase of the design was not probed (remote agents, profiles
     * written before 2026-12-06).
     */
    static double phaseHostSpeed(ProfiledDevice d, HostProbe phase) {
        if (!phase.measured()) {
            return Double.NaN;
        }
        return HostNormalised.reference(d.design()).map(ref -> ref.cpuMsMean() / phase.cpuMsMean())
                .orElse(Double.NaN);
    }

    /** A point was measured in one state of the host: the device at the profile's figures, no run-to-run speed. */
    private static Device pointDevice(ProfiledDevice d, TrainingMemory memory, Link link) {
        return new Device(d.name(), "", d.withSpeedSpread(0).deviceProfile(0, memory), link);
    }

    /** The device's profiled services at their shares of {@code p}'s rate, Poisson; replies {@code hopMs} later. */
    private static List<ServiceInstance> services(ProfiledDevice d, DesignPoint p, Map<String, Double> shares,
                                                  double hopMs) {
        List<ServiceInstance> services = new ArrayList<>();
        for (Map.Entry<String, Double> e : shares.entrySet()) {
            ServiceProfile s = d.service(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "device " + d.name() + " has no profiled service " + e.getKey()));
            services.add(new ServiceInstance(s.name(), d.name(), new Arrivals.Poisson(p.ratePerSec() * e.getValue()),
                    d.twinServiceTime(s), 1e9, 0.99, 0, hopMs, d.twinCoresWhileServing(s, p.ratePerSec())));
        }
        return services;
    }

    /**
     * The twin's LC latency beside training against the agents', at every design point of {@code d} that measured it
     * (each over a phase as long as the agents', {@link #SECONDS} of them in all, at most {@link #MAX_LATENCY_PHASES}
     * phases), each marked held out or not: the
     * points not held out chose {@code trainingCoresWhileServing} on it ({@link #fit}), so its errors are read on the
     * held-out ones ({@link LatencyComparison#medianErrors}); empty without a quota.
     */
    static LatencyComparison latency(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory, Link link,
                                     long seed) {
        return compareLatency(d, Measurement::latencyColocated, true,
                i -> predictLatency(d, i, shares, memory, link, seed));
    }

    /**
     * The twin's latency ({@code twin}, by point index) against the agents' in one phase ({@code phase}) at every point
     * of {@code d} that measured it; each point a check unless a fit used it ({@code fitted}: only the held-out ones
     * are); empty without a quota.
     */
    private static LatencyComparison compareLatency(ProfiledDevice d, Function<Measurement, ColocatedLatency> phase,
                                                    boolean fitted, IntFunction<ColocatedLatency> twin) {
        List<PointLatency> points = new ArrayList<>();
        if (d.cpuQuota().limited()) {
            for (int i = 0; i < d.design().size(); i++) {
                ProfiledDevice.MeasuredPoint p = d.design().get(i);
                ColocatedLatency measured = phase.apply(p.averaged());
                if (measured.measured()) {
                    points.add(new PointLatency(p.measurement().point(), !fitted || p.heldOut(), measured,
                            twin.apply(i)));
                }
            }
        }
        return new LatencyComparison(points);
    }

    /**
     * The twin's latency at point {@code i} (which measured one): phases of its length, its clients' hop included, on
     * the host of its co-located phase ({@link #phaseHostSpeed}).
     */
    static ColocatedLatency predictLatency(ProfiledDevice d, int i, Map<String, Double> shares, TrainingMemory memory,
                                           Link link, long seed) {
        Measurement m = d.design().get(i).averaged();
        double phaseSec = m.latencyColocated().sec();
        return ColocationPrediction.latency(pointDevice(d, memory, link), services(d, m.point(), shares, d.lcHopMs()),
                m.point().batch(), phaseSec, latencyPhases(phaseSec), seed + i,
                phaseHostSpeed(d, m.hosts().together()));
    }

    /**
     * How many phases of {@code phaseSec} the twin's latency at a point pools: {@link #SECONDS} of them, 1 to {@link
     * #MAX_LATENCY_PHASES}.
     */
    private static int latencyPhases(double phaseSec) {
        return (int) Math.max(1, Math.min(MAX_LATENCY_PHASES, Math.ceil(SECONDS / phaseSec)));
    }

    /**
     * The twin's LC latency with the services alone (no training) against the agents', at every design point of
     * {@code d} that measured it (its services-alone phase; profiles since 2026-12-06 18:00), each over a phase as long
     * as the agents' ({@link #SECONDS} of them in all, at most {@link #MAX_LATENCY_PHASES} phases), on the host of
     * that phase ({@link #phaseHostSpeed}). No fit takes anything from this latency, so every point is a check (each
     * is marked held out); empty without a quota.
     */
    static LatencyComparison latencyAlone(ProfiledDevice d, Map<String, Double> shares, TrainingMemory memory,
                                          Link link, long seed) {
        return compareLatency(d, Measurement::latencyAlone, false, i -> {
            Measurement m = d.design().get(i).averaged();
            double phaseSec = m.latencyAlone().sec();
            return ColocationPrediction.latencyAlone(pointDevice(d, memory, link),
                    services(d, m.point(), shares, d.lcHopMs()), phaseSec, latencyPhases(phaseSec), seed + i,
                    phaseHostSpeed(d, m.hosts().servicesAlone()));
        });
    }

    /**
     * One design point's latency in one phase, the agents' and the twin's; {@code heldOut}: no fit took anything
     * from it.
     */
    record PointLatency(DesignPoint point, boolean heldOut, ColocatedLatency measured, ColocatedLatency predicted) {
    }

    /** The design points' co-located latency, the twin's beside the agents'. */
    record LatencyComparison(List<PointLatency> points) {
        LatencyComparison {
            points = List.copyOf(points);
        }

        /** Every device's points together. */
        static LatencyComparison pooled(List<LatencyComparison> devices) {
            return new LatencyComparison(devices.stream().flatMap(c -> c.points().stream()).toList());
        }

        boolean isEmpty() {
            return points.isEmpty();
        }

        /** |relative error| of the median latency over the held-out points. */
        ErrorSummary medianErrors() {
            return heldOutErrors(ColocatedLatency::medianMs);
        }

        /** |relative error| of the 99th percentile over the held-out points. */
        ErrorSummary p99Errors() {
            return heldOutErrors(ColocatedLatency::p99Ms);
        }

        /** At how many held-out points the twin's median lies above the agents'. */
        int medianTwinAbove() {
            return twinAbove(ColocatedLatency::medianMs);
        }

        /** At how many held-out points the twin's 99th percentile lies above the agents'. */
        int p99TwinAbove() {
            return twinAbove(ColocatedLatency::p99Ms);
        }

        private int twinAbove(java.util.function.ToDoubleFunction<ColocatedLatency> figure) {
            return (int) points.stream().filter(PointLatency::heldOut)
                    .filter(p -> figure.applyAsDouble(p.predicted()) > figure.applyAsDouble(p.measured())).count();
        }

        private ErrorSummary heldOutErrors(java.util.function.ToDoubleFunction<ColocatedLatency> figure) {
            List<PointLatency> held = points.stream().filter(PointLatency::heldOut).toList();
            return ErrorSummary.of(held.stream().mapToDouble(p -> figure.applyAsDouble(p.predicted())).toArray(),
                    held.stream().mapToDouble(p -> figure.applyAsDouble(p.measured())).toArray());
        }
    }

    private static ErrorSummary summary(List<Double> predicted, List<Double> measured) {
        return ErrorSummary.of(predicted.stream().mapToDouble(Double::doubleValue).toArray(),
                measured.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
