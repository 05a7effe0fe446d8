package io.deepedge.hw.profile;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.device.ServiceModels;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.ProtocolVersion;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.GcPauses;
import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.ComputeCpu;
import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceFit;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceCpuCurve;
import io.deepedge.models.profile.ServiceProfile;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a profiling design on ONE agent (the caller profiles the devices one after another: they share the
 * machine's cores) and fits its model: an untimed warm pass, a first client hop with a near-zero service, the
 * services' warm standalone time and CPU per request, closed-loop and then under two open-loop pilot phases (to
 * place the design's rates on the utilisation range the study's levels are set on), then every design point
 * measured through the testbed's own request and gradient paths ({@link RemoteDesignPoint}: the services alone at
 * the point's rate, training alone at its batch, both together), all inside the agent's CPU quota; the hop kept is
 * the design's low-rate requests' ({@link ProfileMeasurements#hopMs}) where it has one. Over the design's metrics
 * windows it also fits the agent's stop-the-world collector pauses ({@link ProfileMeasurements#gcPauses}, agents
 * of protocol 1.5), attached to the device when there is a figure.
 *
 * <p>Why not inside the agent (the open-loop {@code CalibrateServices} call that the profiler used before): there
 * the requests never crossed gRPC, and on the testbed they do. Measured on a LeNet classifier under a 1.0-core
 * quota: the agent's process spends 4.5-7 ms of CPU per remote request against an FCFS service time of about
 * 2.5 ms in-process, so a service profiled at 2.97 ms (185 req/s looked like utilisation 0.55) was saturated on
 * the testbed (p50 1.5 s).
 */
public final class DeviceProfiler {
    /** The near-zero service of the hop measurement (a busy-spin of this many ms). */
    static final double HOP_SPIN_MS = 0.01;
    /** The near-zero service the client hop is measured with, served beside the profiled ones. */
    static final String HOP_PROBE = "hop-probe";
    static final int HOP_REQUESTS = 40;
    static final int PROBE_REQUESTS = 20;
    /** Back-to-back requests per service whose CPU time gives its capacity time. */
    static final int CAPACITY_REQUESTS = 200;
    /**
     * How long the idle agent's CPU is sampled (its heartbeats and metrics come every second or so). Its figure is
     * a few hundredths of a core: over 3 s the same agent read 0.0133 and 0.0265 cores in two profiles (2026-12-02),
     * twice apart on a 0.15-CPU device whose whole budget it shares; 15 s averages five times as many wake-ups.
     */
    static final long IDLE_MS = 15_000;
    /** Sequential requests of the probes are this far apart, so none queues behind the previous one's work. */
    static final long PROBE_GAP_MS = 20;
    /**
     * The open-loop pilot's higher utilisation of the closed-loop probe's capacity (its lower one is half this): it
     * then loads the device at most half-way even if the probe read the capacity right, and the probe has read it
     * 1.2-1.9x too long (2026-12-02).
     */
    static final double PILOT_UTILISATION = 0.5;
    /**
     * The share of the utilisation range's top (of the capacity the design's own phases measured) below which the
     * design's highest rate gets a second stage ({@link #extension}).
     */
    static final double EXTEND_BELOW = 0.9;
    static final int WARMUP_REQUESTS = 10;
    /**
     * Between the arrival seeds of a held-out point's rounds of repeats: above any design's point count (at most 64,
     * and a third as many again), so no repeat draws a design point's arrivals.
     */
    static final int REPEAT_SEED_STRIDE = 1000;
    /** The untimed warm pass: requests one at a time per service beside training at the largest batch. */
    static final double WARM_SEC = 3;
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);

    /**
     * How to profile.
     *
     * @param method {@link DesignPlan#LATIN_HYPERCUBE} or {@link DesignPlan#FACTORIAL}
     * @param points design points (Latin hypercube) or rate levels x batch levels (factorial: 3 x 3 = 9 when 9)
     * @param heldOut points kept out of the fit
     * @param seed the design's and the arrivals' seed
     * @param measureSec the length of each condition at each point (longer while training needs gradients)
     * @param minUtilisation the design's lowest standalone LC utilisation (rate x service time)
     * @param maxUtilisation its highest
     * @param minBatch the smallest local batch
     * @param maxBatch the largest local batch (the job's global batch)
     * @param replicates how many times each held-out point is measured in all (1: once, in the design's order; more:
     *        again after the whole design, with fresh arrivals, so its held-out errors are read against the mean of
     *        its measurements and the spread between them is known)
     */
    public record Settings(String method, int points, int heldOut, long seed, double measureSec,
                           double minUtilisation, double maxUtilisation, int minBatch, int maxBatch, int replicates) {
        public Settings {
            if (replicates < 1) {
                throw new IllegalArgumentException("replicates must be at least 1, got " + replicates);
            }
        }
    }

    /** A service the device hosts while profiled, and its share of the design rate. */
    public record HostedService(String name, String modelId, double deadlineMs, double share) {
        /** Each service's share of a design point's rate, by service name, in the given order. */
        public static Map<String, Double> shares(List<HostedService> services) {
            Map<String, Double> share = new LinkedHashMap<>();
            services.forEach(h -> share.put(h.name(), h.share()));
            return share;
        }
    }

    private DeviceProfiler() {
    }

    /**
     * @param images the job's original training images (the shard is their first {@code 2 x maxBatch}; the LC
     *               requests carry them too, as the testbed's carry images)
     * @param params the base model's parameters, at which gradients are taken
     * @param hostWindow the host-speed probe's steps over a stretch of time: each design point's phases record
     *                   theirs ({@link HostWindow#NONE} where no probe runs)
     */
    public static ProfiledDevice profile(AgentCluster cluster, String device, double cpus, double memoryMiB,
                                         List<HostedService> services, NetworkSpec network, LabelledImages images,
                                         float[] params, Settings s, HostWindow hostWindow, PrintWriter progress)
            throws IOException, InterruptedException {
        try (AgentClient agent = cluster.client(device, CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
             InferClient infer = cluster.inferClient(device)) {
            ProtocolVersion version = agent.hello("deepedge-profile").getVersion();
            if (version.getMinor() < RemoteDesignPoint.SERVICE_TIMES_MINOR) {
                throw new IOException("agent " + device + " speaks protocol " + version.getMajor() + "."
                        + version.getMinor() + ", profile needs 1." + RemoteDesignPoint.SERVICE_TIMES_MINOR
                        + " (service times in its metrics): run the same Deep-Edge version on the agents");
            }
            LabelledImages shard = images.slice(0, Math.min(images.count(), 2 * s.maxBatch()));
            agent.loadShard(new ShardSpec("profile-" + device, ImageShard.FORMAT, shard.count(), network.describe(),
                    NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
            List<ServiceSpec> specs = new ArrayList<>(services.stream()
                    .map(h -> new ServiceSpec(h.name(), h.modelId(), h.deadlineMs())).toList());
            specs.add(new ServiceSpec(HOP_PROBE, ServiceModels.SPIN_PREFIX + HOP_SPIN_MS, 0));
            agent.startServices(specs);
            try (RemoteDesignPoint remote = new RemoteDesignPoint(cluster, agent, device, services,
                    RequestInputs.images(images), params, shard.count())) {
                remote.warm(WARM_SEC, s.minBatch(), s.maxBatch());
                // after the warm pass: on a cold agent (2026-11-30 05:52 study) it came out 4.8 ms, while whole LC
                // requests of the runs took 3.5-4.2 ms at the median, hop included
                double hopMs = Math.max(0, median(roundTrips(infer, HOP_PROBE, HOP_REQUESTS)) - HOP_SPIN_MS);
                // after the warm pass: measured first, on a cold agent, the overhead came out 2-3x a run's
                TrainingPathProbe.Figures path = TrainingPathProbe.measure(agent, device, images, network, params,
                        s.minBatch());
                say(progress, String.format(Locale.ROOT, "profiling %s: round overhead %.1f ms, shard load %.3f ms"
                        + " per sample", device, path.roundOverheadMs(), path.shardLoadMsPerSample()));
                agent.loadShard(new ShardSpec("profile-" + device, ImageShard.FORMAT, shard.count(),
                        network.describe(), NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
                agent.gradient(0, 1, params, 0, 1); // the profile's shard and parameters back for the design
                boolean reportsGc = version.getMinor() >= RemoteDesignPoint.GC_PAUSES_MINOR;
                return measureAndFit(remote, device, cpus, memoryMiB, hopMs, services, s, path, reportsGc, hostWindow,
                        progress);
            } finally {
                agent.stopServices();
                agent.metrics(); // the profiling requests' window is not a run's
            }
        } catch (RemoteCallException e) {
            throw new IOException("profiling agent " + device + " failed: " + e.getMessage(), e);
        }
    }

    private static ProfiledDevice measureAndFit(RemoteDesignPoint remote, String device, double cpus,
                                                double memoryMiB, double hopMs, List<HostedService> services,
                                                Settings s, TrainingPathProbe.Figures path, boolean reportsGc,
                                                HostWindow hostWindow, PrintWriter progress)
            throws IOException, InterruptedException {
        double probeMs = remote.probeServiceMs(PROBE_REQUESTS, PROBE_GAP_MS);
        double measuredIdleCores = remote.idleCores(IDLE_MS);
        Map<String, Double> capacity = remote.capacityMs(CAPACITY_REQUESTS, cpus, measuredIdleCores);
        double capacityMs = 0;
        for (HostedService h : services) {
            capacityMs += h.share() * capacity.get(h.name());
        }
        say(progress, String.format(Locale.ROOT, "profiling %s: a lone request %.2f ms, capacity %.2f ms per request"
                + " (agent CPU per request / %.2f cpus)", device, probeMs, capacityMs, cpus));
        double pilotRate = PILOT_UTILISATION * 1000 / Math.max(probeMs, capacityMs);
        RemoteDesignPoint.OpenLoop low = remote.openLoop(pilotRate / 2, s.seed() * 31 - 2, s.measureSec());
        RemoteDesignPoint.OpenLoop high = remote.openLoop(pilotRate, s.seed() * 31 - 1, s.measureSec());
        double pilotMs = RemoteDesignPoint.openLoopCapacityMs(low, high, cpus);
        say(progress, String.format(Locale.ROOT, "profiling %s: open-loop pilot: agent %.4f cores at %.3g req/s, %.4f"
                + " at %.3g req/s: capacity %.2f ms per request", device, low.cpuCores(), low.requestsPerSec(),
                high.cpuCores(), high.requestsPerSec(), pilotMs));
        // the design's rates are utilisations of what the device sustains, not of a lone request's time
        double serviceMs = placementMs(probeMs, capacityMs, pilotMs);
        Map<String, Double> share = HostedService.shares(services);
        DesignPlan first = plan(s, serviceMs);
        say(progress, String.format(Locale.ROOT, "profiling %s: hop %.2f ms, service ~%.2f ms, %s design of %d points"
                + " (batch %d..%d, rate %.3g..%.3g/s)", device, hopMs, serviceMs, first.method(), first.points().size(),
                s.minBatch(), s.maxBatch(), s.minUtilisation() / serviceMs * 1000, s.maxUtilisation() / serviceMs * 1000));
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        List<PointTimings> timings = new ArrayList<>();
        measure(remote, device, first, 0, s, share, measuredIdleCores, hostWindow, design, timings, progress);
        Optional<ProfileMeasurements.CpuOverRate> firstFit = ProfileMeasurements.cpuOverRate(timings);
        Optional<DesignPlan> more = firstFit.flatMap(f -> extension(s, first, f.cpuMsPerRequest() / cpus));
        if (more.isPresent()) {
            double capacityRate = 1000 * cpus / firstFit.get().cpuMsPerRequest();
            say(progress, String.format(Locale.ROOT, "profiling %s: the design reached %.3g req/s, %.0f %% of the"
                    + " capacity its services-alone phases measured (%.3g req/s): %d more points from there up to %.3g"
                    + " req/s (%.0f %%)", device, topRate(first), 100 * topRate(first) / capacityRate, capacityRate,
                    more.get().points().size(), s.maxUtilisation() * capacityRate, 100 * s.maxUtilisation()));
            measure(remote, device, more.get(), first.points().size(), s, share, measuredIdleCores, hostWindow, design,
                    timings, progress);
        }
        DesignPlan plan = more.map(first::followedBy).orElse(first);
        // the collector's windows so far cover the design; the repeats' are left out, as their timings are
        List<GcWindow> windows = remote.gcWindows();
        List<ProfiledDevice.MeasuredPoint> repeated = repeatHeldOut(device, design, s,
                (p, seed) -> measurement(remote, device, p, seed, s, share, hostWindow), progress);
        Optional<ProfileMeasurements.CallCpu> callCpu = ProfileMeasurements.callCpu(timings, measuredIdleCores);
        callCpu.ifPresent(c -> say(progress, String.format(Locale.ROOT, "profiling %s: a gradient call's CPU over the"
                + " design's training-alone phases: %.2f ms + %.3f ms per sample beyond the idle agent", device,
                c.perCallMs(), c.perSampleMs())));
        OptionalDouble speedSpread = callCpu.map(ProfileMeasurements.CallCpu::speedSpread)
                .orElse(OptionalDouble.empty());
        speedSpread.ifPresent(v -> say(progress, String.format(Locale.ROOT, "profiling %s: the calls' CPU lay %.1f %%"
                + " about that line (the host's speed from phase to phase, standard deviation of the log)", device,
                100 * v)));
        double[] computeRatios = ComputeCpu.ratios(timings.stream().map(PointTimings::computeCpu).toList());
        if (computeRatios.length > 0) {
            say(progress, String.format(Locale.ROOT, "profiling %s: training's compute CPU a sample beside the"
                    + " services over alone: x%.3f at the median of %d points (x%.3f to x%.3f)", device,
                    median(computeRatios), computeRatios.length, computeRatios[0],
                    computeRatios[computeRatios.length - 1]));
        }
        // the first stage's fit stands when no second stage was measured
        Optional<ProfileMeasurements.CpuOverRate> cpuFit = more.isPresent() ? ProfileMeasurements.cpuOverRate(timings)
                : firstFit;
        if (cpuFit.isPresent()) {
            // the design's open-loop figure replaces the probe's (it placed the design's rates only)
            double cpuMs = cpuFit.get().cpuMsPerRequest();
            say(progress, String.format(Locale.ROOT, "profiling %s: %.2f ms CPU per request over the design's"
                    + " services-alone phases: capacity %.2f ms per request (probe: %.2f)", device, cpuMs,
                    cpuMs / cpus, capacityMs));
            services.forEach(h -> capacity.put(h.name(), cpuMs / cpus));
        }
        AgentCpu agentCpu = agentCpu(device, cpus, measuredIdleCores, timings, cpuFit, progress);
        OptionalDouble designHopMs = ProfileMeasurements.hopMs(plan.points(), timings);
        if (designHopMs.isPresent()) {
            // the design's requests replace the probe's (empty requests, 20 ms apart, before anything else)
            say(progress, String.format(Locale.ROOT, "profiling %s: hop %.2f ms over the design's services-alone"
                    + " phases at the lower rates (probe: %.2f)", device, designHopMs.getAsDouble(), hopMs));
        }
        Optional<GcPauses> gc = reportsGc ? ProfileMeasurements.gcPauses(windows) : Optional.empty();
        say(progress, gcLine(device, windows, gc, reportsGc));
        ProfiledDevice fitted = fit(device, cpus, memoryMiB, designHopMs.orElse(hopMs), path, services, s, repeated,
                timings, capacity);
        return (gc.isPresent() ? fitted.withGcPauses(gc.get()) : fitted).withIdleCpuCores(agentCpu.idleCores())
                .withServiceCpu(agentCpu.serviceCpu()).withSpeedSpread(speedSpread.orElse(0));
    }

    /**
     * Measures {@code plan}'s points in order (numbered from {@code first} in the progress and the arrivals' seeds),
     * adding each to {@code design} and its timings to {@code timings}.
     */
    private static void measure(RemoteDesignPoint remote, String device, DesignPlan plan, int first, Settings s,
                                Map<String, Double> share, double measuredIdleCores, HostWindow hostWindow,
                                List<ProfiledDevice.MeasuredPoint> design, List<PointTimings> timings,
                                PrintWriter progress) throws IOException, InterruptedException {
        int total = first + plan.points().size();
        for (int i = 0; i < plan.points().size(); i++) {
            DesignPoint p = plan.points().get(i);
            PointTimings t = remote.measure(p, s.seed() * 31 + first + i, s.measureSec());
            timings.add(t);
            Measurement m = figures(device, p, t, share, hostWindow);
            design.add(new ProfiledDevice.MeasuredPoint(m, plan.heldOut().get(i)));
            say(progress, String.format(Locale.ROOT, "  %s %d/%d: batch %d, %.3g req/s: train %.1f -> %.1f samples/s"
                    + " (alone %.1f ms CPU per call), service %.2f -> %.2f ms; services alone: %.2f req/s, agent %.4f"
                    + " cores%s", device, first + i + 1, total, p.batch(), p.ratePerSec(),
                    m.trainAloneSamplesPerSec(), m.trainColocatedSamplesPerSec(),
                    t.trainAloneCpu().cpuMsPerCall(measuredIdleCores), m.serviceAloneMeanMs(),
                    m.serviceColocatedMeanMs(), t.aloneRequestsPerSec(), t.aloneCpuCores(),
                    plan.heldOut().get(i) ? " (held out)" : "") + t.computeCpu().text() + phaseHostsText(m.hosts()));
        }
    }

    /** The phases' probe steps for a point's progress line ("" when not probed). */
    static String phaseHostsText(PhaseHosts h) {
        if (!h.trainAlone().measured() && !h.servicesAlone().measured() && !h.together().measured()) {
            return "";
        }
        return "; host probe " + probeText(h.trainAlone()) + " / " + probeText(h.servicesAlone()) + " / "
                + probeText(h.together()) + " ms a step (training / services / together)";
    }

    private static String probeText(HostProbe p) {
        return p.measured() ? String.format(Locale.ROOT, "%.1f", p.cpuMsMean()) : "-";
    }

    /** Measures one design point: its figures from one run of its three conditions with these arrivals. */
    @FunctionalInterface
    interface PointMeasurer {
        Measurement measure(DesignPoint point, long arrivalSeed) throws IOException, InterruptedException;
    }

    private static Measurement measurement(RemoteDesignPoint remote, String device, DesignPoint p, long seed,
                                           Settings s, Map<String, Double> share, HostWindow hostWindow)
            throws IOException, InterruptedException {
        return figures(device, p, remote.measure(p, seed, s.measureSec()), share, hostWindow);
    }

    /** The point's figures, each phase with the host-speed probe's steps during it. */
    private static Measurement figures(String device, DesignPoint p, PointTimings t, Map<String, Double> share,
                                       HostWindow hostWindow) throws IOException {
        try {
            return ProfileMeasurements.measurement(p, t, share).withHosts(t.spans().hosts(hostWindow));
        } catch (IllegalStateException e) {
            throw new IOException("profiling " + device + ": " + e.getMessage(), e);
        }
    }

    /**
     * The design with each held-out point measured {@code s.replicates() - 1} more times, after every point of it
     * (so the repeats span the design's drift, as the held-out points stand apart from the fitted ones), round after
     * round in the design's order, each measurement with arrivals of its own seed ({@link #repeatSeed}). The
     * repeats' timings are kept out of the CPU, capacity, hop and collector figures, which stay the design's.
     */
    static List<ProfiledDevice.MeasuredPoint> repeatHeldOut(String device, List<ProfiledDevice.MeasuredPoint> design,
                                                            Settings s, PointMeasurer measurer, PrintWriter progress)
            throws IOException, InterruptedException {
        if (s.replicates() == 1) {
            return design;
        }
        List<List<Measurement>> repeats = new ArrayList<>();
        design.forEach(p -> repeats.add(new ArrayList<>()));
        for (int round = 1; round < s.replicates(); round++) {
            for (int i = 0; i < design.size(); i++) {
                if (!design.get(i).heldOut()) {
                    continue;
                }
                Measurement first = design.get(i).measurement();
                Measurement m = measurer.measure(first.point(), repeatSeed(s.seed(), round, i));
                repeats.get(i).add(m);
                say(progress, String.format(Locale.ROOT, "  %s %d/%d again (%d of %d): train %.1f -> %.1f samples/s,"
                        + " service %.2f -> %.2f ms (first: train %.1f -> %.1f, service %.2f -> %.2f)", device, i + 1,
                        design.size(), round + 1, s.replicates(), m.trainAloneSamplesPerSec(),
                        m.trainColocatedSamplesPerSec(), m.serviceAloneMeanMs(), m.serviceColocatedMeanMs(),
                        first.trainAloneSamplesPerSec(), first.trainColocatedSamplesPerSec(),
                        first.serviceAloneMeanMs(), first.serviceColocatedMeanMs()) + phaseHostsText(m.hosts()));
            }
        }
        List<ProfiledDevice.MeasuredPoint> repeated = new ArrayList<>();
        for (int i = 0; i < design.size(); i++) {
            ProfiledDevice.MeasuredPoint p = design.get(i);
            repeated.add(new ProfiledDevice.MeasuredPoint(p.measurement(), p.heldOut(), repeats.get(i)));
        }
        return repeated;
    }

    /**
     * The arrival seed of design point {@code index}'s {@code round}-th repeat: the design's own seeds are {@code
     * seed x 31 + index}, and {@link #REPEAT_SEED_STRIDE} apart no repeat draws another measurement's arrivals.
     */
    static long repeatSeed(long seed, int round, int index) {
        return seed * 31 + (long) REPEAT_SEED_STRIDE * round + index;
    }

    /**
     * The design's second stage, or none: the first stage placed its rates by the pilot's capacity, which read a
     * request's CPU 1.13-1.21x what the design's own services-alone phases then measured (three fidelity profiles of
     * 2026-12-02), so its highest rate stopped at 71-75 % of the capacity the study's load levels are set from, and
     * the heavy level (80 %) lay beyond every point: the twin extrapolated its CPU curve and co-location terms there.
     * When the first stage's highest rate is below {@link #EXTEND_BELOW} of {@code maxUtilisation} of the capacity
     * its own phases measured ({@code capacityMs}: CPU per request / quota), a third as many points again (at least
     * two) cover the rates from that highest rate up to it, holding out the same share (rounded); a Latin hypercube
     * over the batch range, or, for a factorial design, every batch level of the first stage at the new top rate.
     */
    static Optional<DesignPlan> extension(Settings s, DesignPlan first, double capacityMs) {
        double topRate = topRate(first);
        double targetRate = s.maxUtilisation() * 1000 / capacityMs;
        if (!(capacityMs > 0) || topRate >= EXTEND_BELOW * targetRate) {
            return Optional.empty();
        }
        if (s.method().equals(DesignPlan.FACTORIAL)) {
            List<Integer> batches = first.points().stream().map(DesignPoint::batch).distinct().toList();
            int held = heldShare(s, batches.size(), first.points().size());
            return Optional.of(DesignPlan.factorial(batches, List.of(targetRate), held, s.seed() + 1));
        }
        int n = Math.max(2, (first.points().size() + 2) / 3);
        return Optional.of(DesignPlan.latinHypercube(n, s.minBatch(), s.maxBatch(), topRate, targetRate,
                heldShare(s, n, first.points().size()), s.seed() + 1));
    }

    /** The held-out count of {@code n} more points: the first stage's share of {@code firstPoints}, below n. */
    private static int heldShare(Settings s, int n, int firstPoints) {
        return Math.min(n - 1, (int) Math.round((double) s.heldOut() * n / firstPoints));
    }

    private static double topRate(DesignPlan plan) {
        return plan.points().stream().mapToDouble(DesignPoint::ratePerSec).max().orElse(0);
    }

    /** The idle agent's CPU and the agent's CPU over its services' rate, as the profile records them. */
    record AgentCpu(double idleCores, ServiceCpuCurve serviceCpu) {
    }

    /**
     * The twin reads a request's CPU off the curve of the design's services-alone phases at a run's rate, above the
     * idle agent as measured ({@code measuredIdleCores}, below half the quota); where no curve can be fitted above it,
     * the CPU-over-rate line's intercept stays the idle figure ({@link #idleCpuCores}) and its slope every request's
     * (the profile's capacity), with no curve.
     */
    static AgentCpu agentCpu(String device, double cpus, double measuredIdleCores, List<PointTimings> timings,
                             Optional<ProfileMeasurements.CpuOverRate> fit, PrintWriter progress) {
        List<ServiceCpuCurve.Point> points = new ArrayList<>();
        for (PointTimings t : timings) {
            if (t.aloneRequestsPerSec() > 0) {  // a phase that served nothing says nothing of a request's cost
                points.add(new ServiceCpuCurve.Point(t.aloneRequestsPerSec(), t.aloneCpuCores()));
            }
        }
        ServiceCpuCurve curve = new ServiceCpuCurve(points);
        Optional<ServiceCpuCurve.Law> law = measuredIdleCores < cpus / 2 ? curve.fit(measuredIdleCores)
                : Optional.empty();
        if (law.isEmpty()) {
            return new AgentCpu(idleCpuCores(device, cpus, fit, progress), ServiceCpuCurve.NONE);
        }
        double low = law.get().lowestRatePerSec();
        double high = law.get().highestRatePerSec();
        say(progress, String.format(Locale.ROOT, "profiling %s: idle agent %.4f cores (measured alone); a request's CPU"
                + " over the design's services-alone phases: %.2f ms at %.3g req/s, %.2f ms at %.3g req/s", device,
                measuredIdleCores, law.get().cpuMsPerRequestAt(low), low, law.get().cpuMsPerRequestAt(high), high));
        return new AgentCpu(measuredIdleCores, curve);
    }

    /**
     * The idle agent's CPU the profile records: the fit's intercept, or 0 (said why) when there is none or it is not
     * below half the quota, which an agent doing nothing cannot use and a bad fit can give.
     */
    static double idleCpuCores(String device, double cpus, Optional<ProfileMeasurements.CpuOverRate> fit,
                               PrintWriter progress) {
        if (fit.isEmpty()) {
            say(progress, "profiling " + device + ": no idle CPU figure (the CPU-over-rate fit needs three points"
                    + " with a rising line)");
            return 0;
        }
        double cores = fit.get().idleCores();
        if (cores >= cpus / 2) {
            say(progress, String.format(Locale.ROOT, "profiling %s: the CPU-over-rate fit puts the idle agent at %.4f"
                    + " cores, not below half its %.2f cpus: not recorded", device, cores, cpus));
            return 0;
        }
        say(progress, String.format(Locale.ROOT, "profiling %s: idle agent %.4f cores (the CPU-over-rate fit's"
                + " intercept)", device, cores));
        return cores;
    }

    /** The progress line of a device's collector pauses over the design, or why there is no figure. */
    static String gcLine(String device, List<GcWindow> windows, Optional<GcPauses> gc, boolean reportsGc) {
        long pauses = windows.stream().mapToLong(GcWindow::gcPauses).sum();
        double sec = windows.stream().mapToDouble(GcWindow::windowSec).sum();
        if (gc.isPresent()) {
            GcPauses g = gc.get();
            double wallMs = windows.stream().mapToDouble(GcWindow::gcPauseMs).sum() / pauses;
            return String.format(Locale.ROOT, "profiling %s: collector pauses %.3g per 1000 requests, %.3g per 1000"
                    + " samples, %.1f ms wall each; collector CPU %.3g ms per request, %.3g ms per sample; cleanup CPU %.3g"
                    + " ms per request, %.3g ms per sample (%d pauses over the design's %.0f s)", device,
                    1000 * g.perRequest(), 1000 * g.perTrainSample(), wallMs, g.cpuMsPerRequest(), g.cpuMsPerTrainSample(),
                    g.cleanupCpuMsPerRequest(), g.cleanupCpuMsPerTrainSample(), pauses, sec);
        }
        String why;
        if (!reportsGc) {
            why = "the agent predates protocol 1." + RemoteDesignPoint.GC_PAUSES_MINOR;
        } else if (windows.stream().anyMatch(w -> w.gcPauseCpuMs() < 0)) {
            why = "the agent cannot read its collector threads' CPU time (/proc)";
        } else if (pauses == 0) {
            why = String.format(Locale.ROOT, "no pause over the design's %.0f s", sec);
        } else {
            why = pauses + " pauses, but the design's windows do not tell requests from samples";
        }
        return "profiling " + device + ": collector pauses not measured: " + why;
    }

    /**
     * The time per request the design's rates are utilisations of: a lone request's, or the device's capacity time if
     * longer; the open-loop pilot's capacity ({@code pilotMs}) when it measured one, since the design's own phases
     * (and the study's levels) are open-loop; else the closed-loop probe's ({@code probeCapacityMs}).
     */
    static double placementMs(double loneRequestMs, double probeCapacityMs, double pilotMs) {
        return Math.max(loneRequestMs, pilotMs > 0 ? pilotMs : probeCapacityMs);
    }

    static DesignPlan plan(Settings s, double serviceMs) {
        double minRate = s.minUtilisation() / serviceMs * 1000;
        double maxRate = s.maxUtilisation() / serviceMs * 1000;
        if (s.method().equals(DesignPlan.FACTORIAL)) {
            int levels = Math.max(2, (int) Math.round(Math.sqrt(s.points())));
            List<Integer> batches = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < levels; i++) {
                double f = (double) i / (levels - 1);
                batches.add((int) Math.round(s.minBatch() * Math.pow((double) s.maxBatch() / s.minBatch(), f)));
                rates.add(minRate + f * (maxRate - minRate));
            }
            return DesignPlan.factorial(batches, rates, s.heldOut(), s.seed());
        }
        return DesignPlan.latinHypercube(s.points(), s.minBatch(), s.maxBatch(), minRate, maxRate, s.heldOut(), s.seed());
    }

    private static ProfiledDevice fit(String device, double cpus, double memoryMiB, double hopMs,
                                      TrainingPathProbe.Figures path,
                                      List<HostedService> services, Settings s,
                                      List<ProfiledDevice.MeasuredPoint> design, List<PointTimings> timings,
                                      Map<String, Double> capacity)
            throws IOException {
        List<Measurement> fitted = design.stream().filter(p -> !p.heldOut()).map(ProfiledDevice.MeasuredPoint::averaged)
                .toList();
        List<Measurement> held = HeldOutErrors.heldOutPoints(design);
        InterferenceModel model;
        try {
            model = InterferenceFit.fit(fitted);
        } catch (IllegalArgumentException e) {
            throw new IOException("profiling " + device + ": " + e.getMessage(), e);
        }
        List<ServiceProfile> profiles = new ArrayList<>();
        for (HostedService h : services) {
            profiles.add(ProfileMeasurements.service(h.name(), h.modelId(), timings, capacity.get(h.name())));
        }
        List<Integer> batches = new ArrayList<>();
        for (int b = Integer.highestOneBit(s.minBatch()); b < s.maxBatch(); b *= 2) {
            batches.add(Math.max(b, s.minBatch()));
        }
        batches.add(s.maxBatch());
        return new ProfiledDevice(device, cpus, memoryMiB, hopMs, path.roundOverheadMs(), path.shardLoadMsPerSample(), batches, model, HeldOutErrors.of(model, held),
                profiles, design);
    }

    /** Sequential round trips (ms) of {@code n} requests after {@link #WARMUP_REQUESTS}, 20 ms apart. */
    private static double[] roundTrips(InferClient infer, String service, int n) throws IOException {
        double[] ms = new double[n];
        for (int i = -WARMUP_REQUESTS; i < n; i++) {
            long start = System.nanoTime();
            try {
                infer.infer(service, i + WARMUP_REQUESTS, 0, new byte[0], CALL_DEADLINE)
                        .get(CALL_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("service " + service + " did not answer a probe request: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return ms;
    }

    static double median(double[] values) {
        return new Median().evaluate(values);
    }

    private static void say(PrintWriter progress, String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }
}
