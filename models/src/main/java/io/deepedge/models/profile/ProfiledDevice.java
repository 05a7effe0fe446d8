package io.deepedge.models.profile;

import io.deepedge.models.BatchPoint;
import io.deepedge.models.Checks;
import io.deepedge.models.ColocationTerms;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.GcPauses;
import io.deepedge.models.HostProbe;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.Interference;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.TrainingMemory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a profile file holds for one device: the measurement conditions specific to it, the design points as
 * measured, the fitted model, its held-out errors and the services' standalone service times.
 *
 * @param name the device's name in the profiled config
 * @param cpus the agent's CPU quota during the measurements (cores)
 * @param memoryMiB memory available to training and services
 * @param lcHopMs the fixed client-to-agent round trip an LC request adds to its sojourn (the median client latency
 *        less the median service time of the design's low-rate requests); the simulator adds it to every LC latency
 *        on this device
 * @param roundOverheadMs the device's own work per synchronisation round (receive the parameters, load them, return
 *        its gradient), see {@link DeviceOverhead}; 0 when not measured
 * @param shardLoadMsPerSample the device's own work per sample of a shard it receives (decode, copy); 0 when not
 *        measured
 * @param batches the local batch sizes the simulator gets operating points at, ascending
 * @param model the fitted model
 * @param heldOutErrors the fitted model's errors on the held-out points
 * @param services each profiled service's standalone service time here
 * @param design every design point as measured, and whether it was held out of the fit
 * @param cfsPeriodMs the CFS period {@code cpus} was enforced in, 0 when the agent ran without a CPU bandwidth limit
 *        (its figures are then plain averages)
 * @param hostCores cores of the host the agent ran on, 0 when not recorded (then no limit is modelled either)
 * @param quotaModelErrors how well the simulator's quota model predicts the co-located design points
 *        ({@link QuotaModelErrors#NONE} when not evaluated)
 * @param gcPauses the agent's stop-the-world collector pauses, measured over the design ({@link GcPauses#NONE} when
 *        not measured); the simulator applies them where it models the quota
 * @param idleCpuCores the agent's CPU with no request and no training (heartbeats, metrics, runtime threads): the
 *        intercept of its CPU over the LC rate across the design, or measured with no load where {@code serviceCpu}
 *        is given; 0 when not measured. The simulator spends it from the quota's budget ({@link CpuQuota#idleCores})
 * @param roundCoordinationMs what a round with every profiled device at once waits for beyond this device's own
 *        work: the parameter server's step and the shared coordinator's and host's part of the transfers
 *        ({@link DeviceOverhead#roundCoordinationMs}); 0 when not measured
 * @param serviceCpu the agent's CPU over its services' total rate, services alone ({@link ServiceCpuCurve#NONE} when
 *        not measured); with it {@code idleCpuCores} is the idle agent as measured, not a line's intercept
 * @param colocation the co-location terms fitted on the design's co-located points ({@link ColocationTerms#NONE} when
 *        not fitted); the simulator applies them where it models the quota
 * @param speedSpread how much the host's work per CPU second moved between the design's phases (the standard deviation
 *        of the logarithm, {@link CpuQuota#speedSpread}); 0 when not measured. The simulator draws each run's speed
 *        from it where it models the quota
 * @param speedTrace the host's speed over time, as a probe recorded it alone on the host after the design, scaled to
 *        the spread the design's own phases showed ({@link CpuQuota#speedTrace}); {@link HostSpeedTrace#NONE} when not
 *        recorded
 * @param hostProbe the host-speed probe's steps ({@code HostProbeMain}: a fixed LeNet step timed by its own CPU clock,
 *        one process pinned to each CPU) that ended while this device was profiled, and their mean CPU time: the host
 *        these figures hold for, so {@code validate} can take the twin to the testbed's host ({@link HostProbe#NONE}
 *        when not measured: remote agents, or profiles written before it)
 */
public record ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                             double shardLoadMsPerSample, List<Integer> batches,
                             InterferenceModel model, HeldOutErrors heldOutErrors, List<ServiceProfile> services,
                             List<MeasuredPoint> design, double cfsPeriodMs, int hostCores,
                             QuotaModelErrors quotaModelErrors, GcPauses gcPauses, double idleCpuCores,
                             double roundCoordinationMs, ServiceCpuCurve serviceCpu, ColocationTerms colocation,
                             double speedSpread, HostSpeedTrace speedTrace, HostProbe hostProbe) {
    /**
     * One design point's measurements.
     *
     * @param measurement the point as measured in the design's order
     * @param heldOut whether the point was kept out of the fit
     * @param repeats the same point measured again after the design (fresh arrivals; {@code profile --replicates}),
     *        empty when it was measured once
     */
    public record MeasuredPoint(Measurement measurement, boolean heldOut, List<Measurement> repeats) {
        public MeasuredPoint {
            if (measurement == null) {
                throw new IllegalArgumentException("measurement must be given");
            }
            repeats = List.copyOf(repeats);
            for (Measurement r : repeats) {
                if (!r.point().equals(measurement.point())) {
                    throw new IllegalArgumentException("a repeat of " + measurement.point() + " measured "
                            + r.point());
                }
            }
        }

        /** A point measured once. */
        public MeasuredPoint(Measurement measurement, boolean heldOut) {
            this(measurement, heldOut, List.of());
        }

        /** The point's figures over all its measurements ({@link Measurement#mean}). */
        public Measurement averaged() {
            if (repeats.isEmpty()) {
                return measurement;
            }
            List<Measurement> all = new ArrayList<>(repeats.size() + 1);
            all.add(measurement);
            all.addAll(repeats);
            return Measurement.mean(all);
        }

        /** Whether every measurement of the point has probe steps in each phase ({@link PhaseHosts#measured}). */
        public boolean probed() {
            return measurement.hosts().measured() && repeats.stream().allMatch(r -> r.hosts().measured());
        }

        /**
         * The point with each of its measurements taken to the host {@code referenceCpuMs} ({@link
         * Measurement#atHost}).
         */
        public MeasuredPoint atHost(double referenceCpuMs) {
            return new MeasuredPoint(measurement.atHost(referenceCpuMs), heldOut,
                    repeats.stream().map(r -> r.atHost(referenceCpuMs)).toList());
        }
    }

    public ProfiledDevice {
        Checks.name("name", name);
        Checks.positive("cpus", cpus);
        Checks.positive("memoryMiB", memoryMiB);
        Checks.nonNegative("lcHopMs", lcHopMs);
        Checks.nonNegative("roundOverheadMs", roundOverheadMs);
        Checks.nonNegative("shardLoadMsPerSample", shardLoadMsPerSample);
        Checks.nonNegative("cfsPeriodMs", cfsPeriodMs);
        if (hostCores < 0) {
            throw new IllegalArgumentException("hostCores must not be negative, got " + hostCores);
        }
        batches = batches.stream().sorted().distinct().toList();
        if (batches.isEmpty() || batches.get(0) < 1) {
            throw new IllegalArgumentException("batches must hold at least one batch size >= 1");
        }
        services = List.copyOf(services);
        design = List.copyOf(design);
        if (model == null || heldOutErrors == null || quotaModelErrors == null || gcPauses == null) {
            throw new IllegalArgumentException("model, heldOutErrors, quotaModelErrors and gcPauses must be given");
        }
        Checks.nonNegativeBelow("idleCpuCores (below cpus)", cpus, idleCpuCores);
        Checks.nonNegative("roundCoordinationMs", roundCoordinationMs);
        serviceCpu = serviceCpu == null ? ServiceCpuCurve.NONE : serviceCpu;
        colocation = colocation == null ? ColocationTerms.NONE : colocation;
        CpuQuota.checkSpeedSpread(speedSpread);
        speedTrace = speedTrace == null ? HostSpeedTrace.NONE : speedTrace;
        hostProbe = hostProbe == null ? HostProbe.NONE : hostProbe;
    }

    /** A device whose host's speed was not probed. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses,
                          double idleCpuCores, double roundCoordinationMs, ServiceCpuCurve serviceCpu,
                          ColocationTerms colocation, double speedSpread, HostSpeedTrace speedTrace) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, roundCoordinationMs,
                serviceCpu, colocation, speedSpread, speedTrace, HostProbe.NONE);
    }

    /** A device whose host's speed within a run was not recorded. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses,
                          double idleCpuCores, double roundCoordinationMs, ServiceCpuCurve serviceCpu,
                          ColocationTerms colocation, double speedSpread) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, roundCoordinationMs,
                serviceCpu, colocation, speedSpread, HostSpeedTrace.NONE);
    }

    /** A device whose host's speed spread was not measured. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses,
                          double idleCpuCores, double roundCoordinationMs, ServiceCpuCurve serviceCpu,
                          ColocationTerms colocation) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, roundCoordinationMs,
                serviceCpu, colocation, 0);
    }

    /** A device without fitted co-location terms. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses,
                          double idleCpuCores, double roundCoordinationMs, ServiceCpuCurve serviceCpu) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, roundCoordinationMs,
                serviceCpu, ColocationTerms.NONE);
    }

    /** A device without a measured CPU over the services' rate. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses,
                          double idleCpuCores, double roundCoordinationMs) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, roundCoordinationMs,
                ServiceCpuCurve.NONE);
    }

    /** A device without a measured round coordination. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses,
                          double idleCpuCores) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, 0);
    }

    /** A device without a measured idle CPU. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors, GcPauses gcPauses) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, 0);
    }

    /** A device without measured collector pauses. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores, QuotaModelErrors quotaModelErrors) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, quotaModelErrors, GcPauses.NONE);
    }

    /** A device whose quota model was not evaluated. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design,
                          double cfsPeriodMs, int hostCores) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, cfsPeriodMs, hostCores, QuotaModelErrors.NONE);
    }

    /** A device measured without a recorded CPU bandwidth limit. */
    public ProfiledDevice(String name, double cpus, double memoryMiB, double lcHopMs, double roundOverheadMs,
                          double shardLoadMsPerSample, List<Integer> batches, InterferenceModel model,
                          HeldOutErrors heldOutErrors, List<ServiceProfile> services, List<MeasuredPoint> design) {
        this(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model, heldOutErrors,
                services, design, 0, 0);
    }

    /** The CPU bandwidth limit the figures were measured under ({@link CpuQuota#NONE} when none was recorded). */
    public CpuQuota cpuQuota() {
        return cfsPeriodMs > 0 && hostCores > 0
                ? new CpuQuota(cpus, cfsPeriodMs, hostCores, idleCpuCores, colocation, speedSpread, speedTrace)
                : CpuQuota.NONE;
    }

    /** The same measurements, recorded as taken under a CFS limit of {@code cpus} in {@code periodMs} periods. */
    public ProfiledDevice underCpuQuota(double periodMs, int cores) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, periodMs, cores, quotaModelErrors, gcPauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, colocation, speedSpread, speedTrace, hostProbe);
    }

    /** The same device with its quota model's errors. */
    public ProfiledDevice withQuotaModelErrors(QuotaModelErrors errors) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, errors, gcPauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, colocation, speedSpread, speedTrace, hostProbe);
    }

    /** The same device with its measured collector pauses. */
    public ProfiledDevice withGcPauses(GcPauses pauses) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, pauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, colocation, speedSpread, speedTrace, hostProbe);
    }

    /** The same device with its measured idle CPU. */
    public ProfiledDevice withIdleCpuCores(double cores) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, cores,
                roundCoordinationMs, serviceCpu, colocation, speedSpread, speedTrace, hostProbe);
    }

    /** The same device with its measured round coordination. */
    public ProfiledDevice withRoundCoordinationMs(double ms) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores, ms,
                serviceCpu, colocation, speedSpread, speedTrace, hostProbe);
    }

    /** The same device with its co-location terms, fitted on its co-located design points. */
    public ProfiledDevice withColocation(ColocationTerms terms) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, terms, speedSpread, speedTrace, hostProbe);
    }

    /** The same device with its host's speed spread ({@link #speedSpread}). */
    public ProfiledDevice withSpeedSpread(double spread) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, colocation, spread, speedTrace, hostProbe);
    }

    /** The same device with its host's speed over time ({@link #speedTrace}). */
    public ProfiledDevice withSpeedTrace(HostSpeedTrace trace) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, colocation, speedSpread, trace, hostProbe);
    }

    /** The same device with the host-speed probe's figure while it was profiled ({@link #hostProbe}). */
    public ProfiledDevice withHostProbe(HostProbe probe) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores,
                roundCoordinationMs, serviceCpu, colocation, speedSpread, speedTrace, probe);
    }

    /** The same device with its agent's CPU over the services' rate, measured alone. */
    public ProfiledDevice withServiceCpu(ServiceCpuCurve curve) {
        return new ProfiledDevice(name, cpus, memoryMiB, lcHopMs, roundOverheadMs, shardLoadMsPerSample, batches, model,
                heldOutErrors, services, design, cfsPeriodMs, hostCores, quotaModelErrors, gcPauses, idleCpuCores,
                roundCoordinationMs, curve, colocation, speedSpread, speedTrace, hostProbe);
    }

    /**
     * What the simulator samples as one request of {@code s} on this device: under a simulated CPU quota the
     * request's work ({@link ServiceProfile#workTime}: the quota's waits are simulated, not sampled), else its
     * measured service time.
     */
    public ServiceTime twinServiceTime(ServiceProfile s) {
        return cpuQuota().limited() ? s.workTime() : s.serviceTime();
    }

    /**
     * The cores a request of {@code s} spends of this device's quota while in service (1 without a quota): its
     * measured CPU per request less the collector's share of it, which the twin simulates as pauses.
     */
    public double twinCoresWhileServing(ServiceProfile s) {
        return cpuQuota().limited() ? s.cpuCoresWhileServing(cpus, pausesSimulated() ? gcPauses.allCpuMsPerRequest() : 0)
                : 1.0;
    }

    /**
     * The same when this device's services together receive {@code ratePerSec} requests per second: with a measured
     * {@link #serviceCpu} curve a request costs the CPU the curve gives at that rate above the idle agent (instead of
     * the profile's one figure, {@code capacityMs x cpus}); without one, or where the curve cannot be fitted, as
     * {@link #twinCoresWhileServing(ServiceProfile)}.
     */
    public double twinCoresWhileServing(ServiceProfile s, double ratePerSec) {
        return twinCoresWhileServing(atRate(s, ratePerSec));
    }

    /** {@code s} with the CPU per request the curve gives at {@code ratePerSec} as its capacity, if it gives one. */
    public ServiceProfile atRate(ServiceProfile s, double ratePerSec) {
        if (!(ratePerSec > 0)) {
            return s;
        }
        return serviceCpu.fit(idleCpuCores).map(law -> new ServiceProfile(s.name(), s.model(), s.meanMs(), s.cv(),
                s.samples(), law.cpuMsPerRequestAt(ratePerSec) / cpus, s.cpuMeanMs(), s.cpuCv())).orElse(s);
    }

    /** Whether the twin simulates this device's collector pauses (and so takes them out of the measured figures). */
    private boolean pausesSimulated() {
        return cpuQuota().limited() && gcPauses.any();
    }

    /**
     * The training throughput the twin computes at when {@code measured} was profiled: under a quota with collector
     * pauses, the measured figure (training alone, wall time) holds the pauses that training's allocation caused,
     * which the twin simulates itself; so its CPU per sample ({@link CpuQuota#averageTrainingCores} / throughput)
     * loses the pauses' CPU per sample. At most half of it goes (a profile whose pauses would take more is
     * inconsistent; the rest stays as training's work).
     */
    double twinTrainSamplesPerSec(double measured) {
        double pauseCpuSecPerSample = pausesSimulated() ? gcPauses.allCpuMsPerTrainSample() / 1000 : 0;
        if (pauseCpuSecPerSample <= 0) {
            return measured;
        }
        double cpuSecPerSample = cpuQuota().averageTrainingCores() / measured;
        return cpuQuota().averageTrainingCores() / Math.max(cpuSecPerSample / 2, cpuSecPerSample - pauseCpuSecPerSample);
    }

    public Optional<ServiceProfile> service(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
    }

    /**
     * The simulator's figures for this device under standalone LC utilisation {@code rho} (the configured
     * services placed here): at each profiled batch the fitted throughput and phi(b, rho), the training
     * memory of {@code memory} at that batch, the fitted slowdown while serving, the device's own work per round and
     * per shard sample and the round's coordination wait; under a quota with collector pauses the throughputs lose
     * the pauses' share ({@link #twinTrainSamplesPerSec}), never so much that a larger batch's iteration becomes
     * shorter than a smaller one's.
     */
    public DeviceProfile deviceProfile(double rho, TrainingMemory memory) {
        List<BatchPoint> points = new ArrayList<>();
        BatchPoint smaller = null;
        for (int b : batches) {
            BatchPoint point = new BatchPoint(b, twinTrainSamplesPerSec(model.trainSamplesPerSec(b)),
                    model.serviceSlowdown(b, rho), memory.atBatch(b));
            // the pauses' CPU comes off every sample alike: where it is more than a sample adds to an iteration (a
            // small, call-bound model: 2026-12-06, an MLP profiled at 0.5 s a condition), what is left would make a
            // larger batch iterate faster than a smaller one, which does less work; it keeps the smaller's time
            if (smaller != null && DeviceProfile.iterationTimeFalls(smaller, point)) {
                point = new BatchPoint(b, DeviceProfile.maxThroughputAt(smaller, b), point.serviceSlowdown(),
                        point.memoryMiB());
            }
            points.add(point);
            smaller = point;
        }
        int largest = batches.get(batches.size() - 1);
        Interference interference = new Interference(model.serviceSlowdown(largest, rho),
                model.trainingSlowdownWhileServing());
        return new DeviceProfile(points.get(points.size() - 1).trainSamplesPerSec(), memoryMiB, interference,
                memory, points, new DeviceOverhead(roundOverheadMs, shardLoadMsPerSample, roundCoordinationMs),
                cpuQuota(), gcPauses);
    }
}
