package io.deepedge.hw.profile;

import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.load.RemoteLoadGenerator;
import io.deepedge.hw.load.RemoteRequest;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.load.SteadyState;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;
import io.deepedge.models.Arrivals;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ComputeCpu;
import io.deepedge.models.profile.DesignPoint;
import io.grpc.StatusException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures design points on one agent through the testbed's own paths, so the profile holds the times a run
 * meets: every LC request comes over gRPC from a {@link RemoteLoadGenerator} in this process (open-loop, seeded
 * Poisson), and training is {@link GradientCalls} from this process with the parameters in every call. Service
 * times are the agent's own (its metrics window's {@code service_ms}, protocol 1.3: FCFS worker start to end, so
 * the agent's gRPC work for other requests and training's CPU use are in them, its queueing is not); training
 * throughput is samples over the compute time the agent reports (the rest of a round, {@code roundOverheadMs},
 * is measured apart by {@link TrainingPathProbe}).
 *
 * <p>At a point (batch {@code b}, rate {@code λ}): (a) training alone at {@code b}; (b) the services alone, each
 * at {@code λ share} for {@code measureSec}; (c) the same arrival times again (common random numbers) while a
 * thread trains at {@code b} back to back, until {@code measureSec} has passed and at least
 * {@link #MIN_TIMED_GRADIENTS} gradients were sent and answered inside the phase (their throughput is the
 * co-located one).
 *
 * <p>From the first point on, every metrics window is also kept as a {@link GcWindow} ({@link #gcWindows}): the
 * agent's collections beside the requests and samples of the window, which {@link ProfileMeasurements#gcPauses}
 * fits over the whole design.
 */
final class RemoteDesignPoint implements AutoCloseable {
    /** The protocol minor version whose agents report {@code service_ms}. */
    static final int SERVICE_TIMES_MINOR = 3;
    /** The protocol minor version whose agents report their collections ({@code gc_pauses}, {@code gc_pause_cpu_ms}). */
    static final int GC_PAUSES_MINOR = 5;
    /** Untimed gradients at a point's batch before training alone is timed (buffers and JIT of a new batch). */
    static final int UNTIMED_GRADIENTS = 2;
    static final int MIN_TIMED_GRADIENTS = 3;
    /** How much longer than {@code measureSec} the co-located phase may last while it waits for gradients. */
    static final double MAX_EXTRA_SEC = 120;
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 5;

    private final AgentClient agent;
    private final String device;
    private final Map<String, DeviceProfiler.HostedService> services = new LinkedHashMap<>();
    private final Map<String, InferClient> clients = new LinkedHashMap<>();
    private final RequestInputs inputs;
    private final GradientCalls gradients;
    /** Every metrics window from the first {@link #measure} on, in order; empty before it. */
    private final List<GcWindow> designWindows = new ArrayList<>();
    private boolean inDesign;

    /**
     * @param agent a client of {@code device}'s agent, which holds a shard of {@code shardSamples} samples (at least
     *              twice the largest batch measured) and runs {@code services}
     * @param inputs what each LC request carries (the testbed sends images)
     */
    RemoteDesignPoint(AgentCluster cluster, AgentClient agent, String device,
                      List<DeviceProfiler.HostedService> services, RequestInputs inputs, float[] params,
                      int shardSamples) {
        this.agent = agent;
        this.device = device;
        this.inputs = inputs;
        this.gradients = new GradientCalls(agent, params, shardSamples);
        for (DeviceProfiler.HostedService h : services) {
            this.services.put(h.name(), h);
            clients.put(h.name(), cluster.inferClient(device)); // one connection per service, as the testbed's load
        }
    }

    /** Measures point {@code p}; {@code seed} fixes its arrival times (each service's from its own split). */
    PointTimings measure(DesignPoint p, long seed, double measureSec) throws IOException, InterruptedException {
        // the windows are contiguous from here on (the collector's pauses are counted over them); this point's
        // training alone has one of its own, its CPU per call
        drainWindow();
        inDesign = true;
        List<GradientCalls.Call> aloneCalls;
        long callsBefore = gradients.callsMade();
        long trainAloneFrom = System.nanoTime();
        try {
            aloneCalls = gradients.alone(p.batch(), UNTIMED_GRADIENTS, MIN_TIMED_GRADIENTS, measureSec);
        } catch (RemoteCallException e) {
            throw new IOException("training alone at batch " + p.batch() + " failed: " + e.getMessage(), e);
        }
        long trainAloneTo = System.nanoTime();
        MetricsSnapshot aloneWindow = metrics();
        TrainingCpu aloneCpu = new TrainingCpu(p.batch(), gradients.callsMade() - callsBefore,
                aloneWindow.getProcessCpuCores(),
                (aloneWindow.getWindowEndUnixMs() - aloneWindow.getWindowStartUnixMs()) / 1000.0);
        long servicesAloneFrom = System.nanoTime();
        Phase servicesAlone = servicesAlone(p.ratePerSec(), seed, measureSec);
        long servicesAloneTo = System.nanoTime();
        try (BackgroundTraining training = BackgroundTraining.start(gradients, p.batch())) {
            training.awaitFirst();
            return colocated(p, seed, measureSec, training, aloneCalls, aloneCpu, servicesAlone, trainAloneFrom,
                    trainAloneTo, servicesAloneFrom, servicesAloneTo);
        }
    }

    /**
     * A phase's service times and worker CPU times per request (services whose agent reports them), over its
     * window the requests completed per second and the agent's CPU, and each service's median client latency.
     */
    private record Phase(Map<String, ServiceTimes> times, Map<String, ServiceTimes> cpuTimes, double requestsPerSec,
                         double cpuCores, Map<String, Double> clientMedianMs, double[] clientLatencyMs) {
    }

    /** Phase (c): the services' arrivals again beside {@code training}, until enough gradients were timed. */
    private PointTimings colocated(DesignPoint p, long seed, double measureSec, BackgroundTraining training,
                                   List<GradientCalls.Call> aloneCalls, TrainingCpu aloneCpu, Phase servicesAlone,
                                   long trainAloneFrom, long trainAloneTo, long servicesAloneFrom,
                                   long servicesAloneTo)
            throws IOException, InterruptedException {
        drainWindow();
        RunClock clock = RunClock.start();
        List<RemoteLoadGenerator> load = start(p.ratePerSec(), seed, measureSec + MAX_EXTRA_SEC, clock);
        long from = clock.originNanos();
        try {
            for (double sec = 0; sec < measureSec + MAX_EXTRA_SEC; sec = clock.sec(System.nanoTime())) {
                if (sec >= measureSec && training.answeredSince(from) >= MIN_TIMED_GRADIENTS) {
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            for (RemoteLoadGenerator g : load) {
                g.cancel(); // the requests sent still get their replies
            }
        }
        // how long the generators sent: the twin's latency is compared over a phase as long
        double sendingSec = Math.min(clock.sec(System.nanoTime()), measureSec + MAX_EXTRA_SEC);
        Phase beside = collect(load);
        long to = System.nanoTime();
        List<GradientCalls.Call> besideCalls = training.within(from, to);
        return new PointTimings(GradientCalls.samplesPerSec(aloneCalls), GradientCalls.samplesPerSec(besideCalls),
                servicesAlone.times(), beside.times(), servicesAlone.requestsPerSec(), servicesAlone.cpuCores(),
                servicesAlone.cpuTimes(),
                servicesAlone.clientMedianMs(), aloneCpu, ColocatedLatency.of(sendingSec, beside.clientLatencyMs()),
                new PhaseSpans(trainAloneFrom, trainAloneTo, servicesAloneFrom, servicesAloneTo, from, to),
                ColocatedLatency.of(measureSec, servicesAlone.clientLatencyMs()),
                GradientCalls.computeCpuOfPhases(aloneCalls, besideCalls));
    }

    /**
     * The untimed warm pass ({@link SteadyState}, as the testbed's warm-up before a run): every service answers
     * requests one at a time through gRPC (closed loop, so a slow device is never overloaded) for at least
     * {@code sec} and until their round trips stop falling, while training runs at {@code batch}; then gradients at
     * {@code minBatch} until their times stop falling, and {@link #WARM_GRADIENTS} at {@code batch} (its buffers). A
     * fresh agent JVM's inference and gradient paths are 2-3x slower until the JIT has compiled them (the first
     * ~800 requests, measured), longer under a small quota.
     */
    void warm(double sec, int minBatch, int batch) throws IOException, InterruptedException {
        try (BackgroundTraining training = BackgroundTraining.start(gradients, batch)) {
            List<Thread> loops = new ArrayList<>();
            List<Exception> failures = new CopyOnWriteArrayList<>();
            for (String service : services.keySet()) {
                Thread t = new Thread(() -> {
                    try {
                        SteadyState.requests(clients.get(service), service, inputs, sec, MAX_WARM_SEC);
                    } catch (IOException e) {
                        failures.add(e);
                    }
                }, "profile-warm-" + service);
                t.setDaemon(true);
                t.start();
                loops.add(t);
            }
            for (Thread t : loops) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw new IOException("warming " + device + " up failed: " + failures.get(0).getMessage(),
                        failures.get(0));
            }
            training.answeredSince(Long.MIN_VALUE); // a failed gradient is reported here
        }
        try {
            gradients.untilSettled(Math.max(1, minBatch), MAX_WARM_SEC);
            for (int i = 0; i < WARM_GRADIENTS; i++) {
                gradients.call(batch);
            }
        } catch (RemoteCallException e) {
            throw new IOException("warming " + device + " up failed: " + e.getMessage(), e);
        }
        drainWindow(); // nothing of the warm pass is a result
    }

    /**
     * The services' mean service time, share-weighted, from {@code requests} requests per service sent one at a time
     * {@code gapMs} apart (none queues): a first figure to place the design's rates.
     */
    double probeServiceMs(int requests, long gapMs) throws IOException, InterruptedException {
        drainWindow();
        for (String service : services.keySet()) {
            for (int i = 0; i < requests; i++) {
                roundTrip(service, i);
                Thread.sleep(gapMs);
            }
        }
        Map<String, ServiceTimes> times = serviceTimes(metrics(), Optional.empty());
        double ms = 0;
        for (DeviceProfiler.HostedService h : services.values()) {
            ms += h.share() * times.get(h.name()).meanMs();
        }
        return ms;
    }

    /**
     * Each service's capacity time ({@code ServiceProfile.capacityMs}): the CPU time the agent's process spends per
     * request, over {@code requests} requests sent one after another (each as soon as the previous one answered),
     * less what the idle process uses over as long ({@code idleCores}, {@link #idleCores}), divided by the quota
     * {@code cpus}. This is what bounds the
     * device's throughput under the testbed's request path: the measured gRPC and JVM work per remote request was
     * about as large as the model call itself, and it all counts against the quota.
     */
    Map<String, Double> capacityMs(int requests, double cpus, double idleCores)
            throws IOException, InterruptedException {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String service : services.keySet()) {
            drainWindow();
            for (int i = 0; i < requests; i++) {
                roundTrip(service, i);
            }
            MetricsSnapshot busy = metrics();
            double windowSec = (busy.getWindowEndUnixMs() - busy.getWindowStartUnixMs()) / 1000.0;
            out.put(service, capacityMs(busy.getProcessCpuCores(), idleCores, windowSec, requests, cpus));
        }
        return out;
    }

    /** An open-loop services-alone phase: the requests it completed per second and the agent process's CPU. */
    record OpenLoop(double requestsPerSec, double cpuCores) {
    }

    /**
     * One services-alone phase as a design point's (b), outside the design: each service seeded Poisson at its
     * share of {@code ratePerSec} for {@code sec}, over a metrics window of its own.
     */
    OpenLoop openLoop(double ratePerSec, long seed, double sec) throws IOException, InterruptedException {
        drainWindow();
        Phase phase = servicesAlone(ratePerSec, seed, sec);
        return new OpenLoop(phase.requestsPerSec(), phase.cpuCores());
    }

    /** Each service seeded Poisson at its share of {@code ratePerSec} for {@code sec}, every reply awaited. */
    private Phase servicesAlone(double ratePerSec, long seed, double sec) throws IOException, InterruptedException {
        List<RemoteLoadGenerator> load = start(ratePerSec, seed, sec, RunClock.start());
        for (RemoteLoadGenerator g : load) {
            g.join();
        }
        return collect(load);
    }

    /**
     * The capacity time two open-loop phases give: the agent's CPU (cores) rises by {@code (high - low)} over the
     * requests per second between them, so one more request per second costs that CPU; over the quota {@code cpus},
     * the ms one request occupies the device. This is the slope the design's own capacity is (its services-alone
     * phases' line, {@link ProfileMeasurements#cpuOverRate}); CPU per request above the idle agent at one rate is
     * not: at 69 req/s it read 3.6 ms on a 0.6-CPU agent whose design line then rose 2.97 ms per request (the
     * agent's CPU rises faster over the first requests per second than after). 0 when the rates or the CPU do not
     * rise from {@code low} to {@code high}.
     */
    static double openLoopCapacityMs(OpenLoop low, OpenLoop high, double cpus) {
        double rates = high.requestsPerSec() - low.requestsPerSec();
        double cores = high.cpuCores() - low.cpuCores();
        return rates > 0 && cores > 0 ? cores / rates * 1000 / cpus : 0;
    }

    /**
     * The idle agent's CPU (cores): its process over {@code ms} with no request and no training, in a window of its
     * own (heartbeats, the metrics window, the runtime's threads).
     */
    double idleCores(long ms) throws IOException, InterruptedException {
        drainWindow();
        Thread.sleep(ms);
        return metrics().getProcessCpuCores();
    }

    /** CPU cores used beyond idle over a window, per request, over the quota: ms one request occupies the device. */
    static double capacityMs(double busyCores, double idleCores, double windowSec, int requests, double cpus) {
        return Math.max(0, busyCores - idleCores) * windowSec * 1000 / requests / cpus;
    }

    /**
     * The agent's collections and the work done over every metrics window taken from the first {@link #measure} call
     * on, in order. Consecutive windows adjoin, so together they cover the design: training alone, the services
     * alone, training's start and both together, point after point.
     */
    List<GcWindow> gcWindows() {
        return List.copyOf(designWindows);
    }

    @Override
    public void close() {
        clients.values().forEach(InferClient::close);
    }

    /** The generators of one phase, one per service at its share of {@code ratePerSec}, started. */
    private List<RemoteLoadGenerator> start(double ratePerSec, long seed, double untilSec, RunClock clock) {
        List<RemoteLoadGenerator> load = new ArrayList<>();
        int k = 0;
        for (DeviceProfiler.HostedService h : services.values()) {
            ArrivalSchedule schedule = ArrivalSchedule.of(new Arrivals.Poisson(ratePerSec * h.share()),
                    arrivalSeed(seed, k++));
            load.add(new RemoteLoadGenerator(clients.get(h.name()), h.name(), h.deadlineMs(), schedule, untilSec,
                    clock, inputs, RemoteLoadGenerator.DEFAULT_CALL_DEADLINE).start());
        }
        return load;
    }

    /** Waits for every reply of a phase whose sending has ended, then takes the agent's window of it. */
    private Phase collect(List<RemoteLoadGenerator> load) throws IOException, InterruptedException {
        Map<String, Long> sent = new LinkedHashMap<>();
        Map<String, Double> clientMedianMs = new LinkedHashMap<>();
        java.util.stream.DoubleStream.Builder allLatencyMs = java.util.stream.DoubleStream.builder();
        for (RemoteLoadGenerator g : load) {
            if (!g.awaitReplies(REPLY_TIMEOUT)) {
                throw new IOException("service " + g.serviceId() + " on " + device + ": requests unanswered "
                        + REPLY_TIMEOUT.toSeconds() + " s after the last was sent (the rate overloads the service)");
            }
            Optional<RemoteRequest> failed = g.requests().stream().filter(RemoteRequest::failed).findFirst();
            if (failed.isPresent()) {
                throw new IOException("service " + g.serviceId() + " on " + device + ": a request failed: "
                        + failed.get().failure());
            }
            sent.put(g.serviceId(), g.sent());
            double[] latencyMs = g.requests().stream().filter(RemoteRequest::finished)
                    .mapToDouble(r -> 1000 * r.latencySec()).toArray();
            if (latencyMs.length > 0) {
                clientMedianMs.put(g.serviceId(), DeviceProfiler.median(latencyMs));
            }
            for (double ms : latencyMs) {
                allLatencyMs.add(ms);
            }
        }
        MetricsSnapshot window = metrics();
        double windowSec = (window.getWindowEndUnixMs() - window.getWindowStartUnixMs()) / 1000.0;
        long requests = sent.values().stream().mapToLong(Long::longValue).sum();
        return new Phase(serviceTimes(window, Optional.of(sent)), cpuTimes(window),
                windowSec > 0 ? requests / windowSec : 0, window.getProcessCpuCores(), clientMedianMs,
                allLatencyMs.build().toArray());
    }

    /** Each hosted service's worker CPU times in {@code m}, where the agent reports one per completed request. */
    private Map<String, ServiceTimes> cpuTimes(MetricsSnapshot m) throws IOException {
        Map<String, ServiceTimes> times = new LinkedHashMap<>();
        for (ServiceWindow w : m.getServicesList()) {
            if (services.containsKey(w.getServiceId()) && w.getCompleted() > 0
                    && w.getServiceCpuMs().getCount() == w.getCompleted()) {
                try {
                    times.put(w.getServiceId(), ServiceTimes.of(FloatCodec.decode(w.getServiceCpuMs(),
                            "service_cpu_ms", Math.toIntExact(w.getCompleted()))));
                } catch (StatusException e) {
                    throw new IOException("agent " + device + ": malformed metrics: " + e.getStatus().getDescription(),
                            e);
                }
            }
        }
        return times;
    }

    /**
     * Each hosted service's service times in {@code m}; with {@code sent}, each window must hold exactly the
     * requests sent (nothing else used the services meanwhile).
     */
    private Map<String, ServiceTimes> serviceTimes(MetricsSnapshot m, Optional<Map<String, Long>> sent)
            throws IOException {
        Map<String, ServiceTimes> times = new LinkedHashMap<>();
        for (String service : services.keySet()) {
            ServiceWindow w = m.getServicesList().stream().filter(s -> s.getServiceId().equals(service)).findFirst()
                    .orElseThrow(() -> new IOException("agent " + device + " reports no window of service " + service));
            if (sent.isPresent() && w.getCompleted() != sent.get().get(service)) {
                throw new IOException("agent " + device + ", service " + service + ": " + w.getCompleted()
                        + " requests completed in the phase, expected the " + sent.get().get(service) + " sent");
            }
            if (w.getCompleted() > 0 && w.getServiceMs().getCount() == 0) {
                throw new IOException("agent " + device + " reports no service times (service_ms, protocol 1."
                        + SERVICE_TIMES_MINOR + "): run the same Deep-Edge version on the agents");
            }
            try {
                times.put(service, ServiceTimes.of(FloatCodec.decode(w.getServiceMs(), "service_ms",
                        Math.toIntExact(w.getCompleted()))));
            } catch (StatusException e) {
                throw new IOException("agent " + device + ": malformed metrics: " + e.getStatus().getDescription(), e);
            }
        }
        return times;
    }

    /** Untimed gradients at the largest batch at the end of the warm pass (after the settling ones). */
    static final int WARM_GRADIENTS = 2;
    /** The longest either loop of the warm pass runs while its times still fall. */
    static final double MAX_WARM_SEC = 60;

    private void roundTrip(String service, long index) throws IOException, InterruptedException {
        try {
            clients.get(service).infer(service, index, 0, inputs.input(index), CALL_DEADLINE)
                    .get(CALL_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("service " + service + " on " + device + " did not answer: " + e.getMessage(), e);
        }
    }

    private void drainWindow() throws IOException {
        metrics();
    }

    private MetricsSnapshot metrics() throws IOException {
        try {
            MetricsSnapshot m = agent.metrics();
            if (inDesign) {
                designWindows.add(GcWindow.of(m));
            }
            return m;
        } catch (RemoteCallException e) {
            throw new IOException("agent " + device + " did not report its metrics: " + e.getMessage(), e);
        }
    }

    /** Service {@code k}'s arrival seed at a point of seed {@code seed}: the k-th split of the point's stream. */
    static long arrivalSeed(long seed, int k) {
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < k; i++) {
            root.split();
        }
        return root.split().nextLong();
    }
}
