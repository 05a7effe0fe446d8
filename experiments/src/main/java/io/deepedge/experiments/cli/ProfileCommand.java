package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.config.ProfileFileWriter;
import io.deepedge.experiments.config.RunOptions;
import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.cluster.RemoteCluster;
import io.deepedge.hw.coordinator.AgentRegistry;
import io.deepedge.hw.coordinator.TestbedData;
import io.deepedge.hw.coordinator.TimedRounds;
import io.deepedge.hw.local.HostProbeProcess;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.profile.CoRunnerProbe;
import io.deepedge.hw.profile.DeviceProfiler;
import io.deepedge.hw.profile.HostWindow;
import io.deepedge.hw.profile.ProfileMeasurements;
import io.deepedge.hw.profile.RoundProbe;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.models.Device;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.HostNormalised;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.RepeatSpread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/**
 * {@code deepedge profile}: a design of experiments on the config's agents, one device after another, fitted
 * into a profile file (README, "Profile files and the digital twin").
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the config's devices on the hardware runner by a design of experiments and write a"
                + " profile file:", "at each design point (local batch, LC arrival rate) training alone, the services"
                + " alone (open-loop Poisson) and both together,", "one device after another inside its CPU quota;"
                + " fits throughput and interference, reports the errors on held-out points."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure while measuring", "2:invalid config or arguments (nothing run)"})
public final class ProfileCommand implements Callable<Integer>, ArgumentProblems.Sink {
    /** The row of the error tables that pools every device's held-out points (fidelity/table.sh reads it). */
    static final String ALL_DEVICES = "all devices";
    /** The shortest phase of the co-runner probe, seconds (each of its seven; a third of the design's when longer). */
    static final double CO_RUNNER_MIN_SEC = 2;
    /** The co-runner probe's batch at most: a device at a small quota takes long over a large one. */
    static final int CO_RUNNER_MAX_BATCH = 32;
    /** The options that say where and how to measure: none has a meaning with {@code --refit}. */
    static final List<String> MEASURING_OPTIONS = List.of("--local", "--agent", "--token-file", "--tls-ca",
            "--tls-cert", "--tls-key", "--design", "--points", "--measure-sec", "--replicates");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "experiment YAML file (a testbed config)")
    private Path config;

    @Option(names = "--local", description = "start one agent per configured device on this machine")
    private boolean local;

    @Option(names = "--agent", paramLabel = "HOST:PORT", description = "a running agent, once per configured device; needs --token-file")
    private List<String> agents;

    @Option(names = "--token-file", paramLabel = "F", description = "with --agent: the file holding the agents' shared token")
    private Path tokenFile;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "with --agent: connect over TLS, trusting this CA (PEM)")
    private Path tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "with --tls-ca: this coordinator's certificate (PEM)")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "with --tls-cert: its private key (PKCS#8 PEM)")
    private Path tlsKey;

    @Option(names = "--out", paramLabel = "PROFILE.yaml", description = "the profile file to write: a new file, or a"
            + " profile file this tool wrote (replaced); anything else is refused")
    private Path out;

    @Option(names = "--design", paramLabel = "lhs|factorial", description = "Latin hypercube (default) or full factorial")
    private String design = "lhs";

    @Option(names = "--points", paramLabel = "N", description = "design points per device (default 8; factorial: a"
            + " square of batch x rate levels near N, at least 3 x 3), and a third as many again where they stopped"
            + " short of the capacity they measured")
    private int points = ProfileSettings.DEFAULT_POINTS;

    @Option(names = "--seed", paramLabel = "S", description = "design and arrival seed (default: the config's)")
    private Long seed;

    @Option(names = "--measure-sec", paramLabel = "SEC", description = "length of each condition at each point"
            + " (default 2.5; longer while training needs 3 timed gradients)")
    private double measureSec = ProfileSettings.DEFAULT_MEASURE_SEC;

    @Option(names = "--replicates", paramLabel = "N", description = "measure each held-out point N times in all"
            + " (default 1; more: again after the design, its held-out errors then read against the mean of its"
            + " measurements, and how far they lie apart printed; 1..5)")
    private int replicates = 1;

    @Option(names = "--quiet", description = "no progress on stderr")
    private boolean quiet;

    @Option(names = "--refit", paramLabel = "PROFILE.yaml", description = "measure nothing: fit the co-location terms"
            + " again on this profile file's measured points (no agents; e.g. after an upgrade that added a term),"
            + " check them on its held-out points and write the result to --out")
    private Path refit;

    private final List<String> parseProblems = new ArrayList<>();

    @Override
    public void argumentProblems(List<String> problems) {
        parseProblems.addAll(problems);
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(parseProblems);
        AgentArguments agentArgs = new AgentArguments(local, agents, tokenFile, tlsCa, tlsCert, tlsKey);
        if (refit == null) {
            agentArgs.check(problems);
        } else {
            // nothing is measured: an option that says how to measure would be ignored, so it is refused
            for (String option : MEASURING_OPTIONS) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    problems.add(ProblemText.of(option, "given with --refit", String.valueOf(refit),
                            "--refit measures nothing: leave out " + String.join(", ", MEASURING_OPTIONS)));
                }
            }
        }
        ProfileSettings.check(design, points, measureSec, replicates, problems);
        ProfileOutput.check(out, config, problems);
        ExperimentConfig cfg = ExperimentRun.load(config,
                RunOptions.defaults().withThreads(1).withCalibratedFigures(), problems).orElse(null);
        NetworkSpec network = cfg == null ? null : TestbedChecks.network(cfg, config, problems);
        if (cfg != null && cfg.gridPoints().get(0).scenario().services().isEmpty()) {
            problems.add(ProblemText.of(config + ": services", "missing", "none",
                    "at least one LC service: profiling measures services beside training"));
        }
        if (refit != null) {
            return refit(cfg, problems);
        }
        RemoteCluster remote = null;
        try {
            if (problems.isEmpty()) {
                remote = agentArgs.connect(cfg, config, spec.commandLine().getErr(), problems);
            }
            if (!problems.isEmpty()) {
                throw new UsageError(problems);
            }
            try (QuietLogging quietLog = QuietLogging.when(quiet)) {
                return run(cfg, network, remote);
            }
        } finally {
            if (remote != null) {
                remote.close();
            }
        }
    }

    private Integer run(ExperimentConfig cfg, NetworkSpec network, RemoteCluster remote)
            throws IOException, InterruptedException {
        GridPoint point = cfg.gridPoints().get(0);
        long designSeed = seed == null ? cfg.seed() : seed;
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter progress = quiet ? null : err;
        TestbedData data = TestbedData.load(network, TestbedCommand.BASE_EPOCHS, progress);
        Map<String, String> modelIds = TestbedFigures.servedModelIds(point, data, TestbedCommand.BASE_EPOCHS, progress);
        int globalBatch = point.scenario().job().orElseThrow().batchSize();
        DeviceProfiler.Settings settings = ProfileSettings.of(design, points, designSeed, measureSec, globalBatch,
                replicates);
        float[] params = data.base().params().toFloatVector();
        List<ProfiledDevice> profiled = new ArrayList<>();
        List<QuotaModelCheck.Comparison> quotaChecks = new ArrayList<>();
        Map<String, QuotaModelCheck.LatencyComparison> latencyChecks = new LinkedHashMap<>();
        Map<String, QuotaModelCheck.LatencyComparison> aloneLatencyChecks = new LinkedHashMap<>();
        List<LocalCluster.Device> devices = point.scenario().devices().stream()
                .map(d -> new LocalCluster.Device(d.name(), point.testbed().cpus(d.name()))).toList();
        // local agents register and heartbeat as the testbed's do: the profile's figures hold that CPU too
        try (AgentRegistry registry = LocalAgents.registry(devices,
                point.scenario().job().orElseThrow().heartbeatTimeoutSec());
             AgentCluster cluster = LocalAgents.startUnless(remote, "profile", devices, registry);
             // the host's speed while each device is measured, as the testbed probes it during each run (the same
             // processes beside the agents): validate takes the twin from this host to the testbed's
             HostProbeProcess probe = cluster instanceof LocalCluster
                     ? HostProbeProcess.start(cluster.workDir().resolve("host-probe.log"),
                     HostProbeProcess.DEFAULT_PERIOD_MS) : null) {
            for (Device d : point.scenario().devices()) {
                long fromNanos = System.nanoTime();
                List<DeviceProfiler.HostedService> hosted = hosted(point, d.name(), modelIds);
                ProfiledDevice measured = DeviceProfiler.profile(cluster, d.name(), point.testbed().cpus(d.name()),
                        d.profile().memoryMiB(), hosted, network, data.original().train(), params, settings,
                        probe == null ? HostWindow.NONE : probe::window, progress);
                // local agents ran in CFS groups: the twin needs the limit itself, not just the averages under it
                if (cluster instanceof LocalCluster l && l.quotas().enforced()) {
                    measured = measured.underCpuQuota(CpuQuotas.PERIOD_US / 1000.0,
                            Runtime.getRuntime().availableProcessors());
                    Map<String, Double> shares = DeviceProfiler.HostedService.shares(hosted);
                    // the device alone chose the fitted terms; what other devices' work costs it is measured apart
                    CoRunnerProbe.Figures coRun = CoRunnerProbe.measure(cluster, d.name(), network,
                            data.original().train(), params, Math.min(CO_RUNNER_MAX_BATCH, settings.maxBatch()),
                            Math.max(CO_RUNNER_MIN_SEC, settings.measureSec() / 3));
                    printCoRunner(progress, d.name(), coRun);
                    QuotaModelCheck.Fitted fitted = QuotaModelCheck.fitAndCheck(measured, shares,
                            d.profile().trainingMemory(), d.link(), designSeed, coRun.coRunnerSpeed());
                    measured = fitted.device();
                    quotaChecks.add(fitted.check());
                    printColocation(progress, measured);
                    if (!fitted.latency().isEmpty()) {
                        latencyChecks.put(d.name(), fitted.latency());
                        printLatency(progress, d.name(), fitted.latency(), "beside training", true);
                    }
                    if (!fitted.alone().isEmpty()) {
                        aloneLatencyChecks.put(d.name(), fitted.alone());
                        printLatency(progress, d.name(), fitted.alone(), "with the services alone", false);
                    }
                }
                if (probe != null) {
                    measured = measured.withHostProbe(probe.window(fromNanos, System.nanoTime()));
                    printHostProbe(progress, measured);
                }
                profiled.add(measured);
            }
            coordinate(profiled, cluster, globalBatch, data, network, progress);
        }
        hostSpeedSpread(profiled, progress);
        Profile profile = new Profile(Instant.now().toString(), ProfileSettings.machine(), ProfileSettings.jvm(),
                designSeed, settings.method(), profiled);
        ProfileOutput.write(out, ProfileFileWriter.text(profile));
        printErrors(spec.commandLine().getOut(), profile, QuotaModelCheck.Comparison.pooled(quotaChecks).errors(),
                latencyChecks, aloneLatencyChecks);
        return Main.EXIT_OK;
    }

    /**
     * {@code --refit}: the profile file's quota-limited devices fitted again on their measured points
     * ({@link ProfileRefit}), printed and checked as a profile run prints them, written to {@code --out}.
     */
    private Integer refit(ExperimentConfig cfg, List<String> problems) throws IOException {
        // the file's problems with the others, and no fit while there are any
        ProfileRefit.Result r = cfg == null ? null : ProfileRefit.refit(cfg.gridPoints().get(0), refit, seed, problems);
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        PrintWriter progress = quiet ? null : spec.commandLine().getErr();
        for (ProfiledDevice d : r.profile().devices()) {
            if (d.cpuQuota().limited()) {
                printColocation(progress, d);
            }
        }
        r.latency().forEach((name, c) -> printLatency(progress, name, c, "beside training", true));
        r.aloneLatency().forEach((name, c) -> printLatency(progress, name, c, "with the services alone", false));
        ProfileOutput.write(out, ProfileFileWriter.text(r.profile()));
        printErrors(spec.commandLine().getOut(), r.profile(), r.pooledQuota(), r.latency(), r.aloneLatency());
        return Main.EXIT_OK;
    }

    /**
     * Gives every device the host's speed spread, that of the device with the largest quota ({@link
     * ProfileMeasurements#hostSpeedSpread}), or none when no device measured one.
     */
    private static void hostSpeedSpread(List<ProfiledDevice> profiled, PrintWriter progress) {
        OptionalDouble spread = ProfileMeasurements.hostSpeedSpread(profiled.stream()
                .map(d -> new ProfileMeasurements.DeviceSpread(d.cpus(), d.speedSpread())).toList());
        if (progress != null && spread.isPresent()) {
            StringBuilder own = new StringBuilder();
            profiled.forEach(d -> own.append(own.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f %%",
                    d.name(), 100 * d.speedSpread())));
            progress.println(String.format(Locale.ROOT, "profiling: the host's speed spread %.1f %% (the largest"
                    + " quota's; %s): the twin draws each run's speed from it", 100 * spread.getAsDouble(), own));
            progress.flush();
        }
        profiled.replaceAll(d -> d.withSpeedSpread(spread.orElse(0)));
    }

    private static void printHostProbe(PrintWriter progress, ProfiledDevice d) {
        if (progress != null) {
            progress.println(d.hostProbe().measured() ? String.format(Locale.ROOT, "profiling %s: the host-speed probe"
                    + " %.1f ms CPU a step over %d steps while it was measured", d.name(), d.hostProbe().cpuMsMean(),
                    d.hostProbe().probes()) : "profiling " + d.name() + ": no host-speed probe step ended while it"
                    + " was measured: the profile records no host for it");
            progress.flush();
        }
    }

    /**
     * Times rounds with every profiled device at once, as the testbed runs them ({@link RoundProbe}), and gives each
     * device the round's coordination wait beyond its own work.
     */
    private static void coordinate(List<ProfiledDevice> profiled, AgentCluster cluster, int globalBatch,
                                   TestbedData data, NetworkSpec network, PrintWriter progress)
            throws IOException, InterruptedException {
        Map<String, Double> samplesPerSec = new java.util.LinkedHashMap<>();
        profiled.forEach(d -> samplesPerSec.put(d.name(), d.model().trainSamplesPerSec(globalBatch)));
        TimedRounds.Timing round = RoundProbe.measure(cluster, samplesPerSec, globalBatch, data.original().train(),
                network, data.base());
        profiled.replaceAll(d -> d.withRoundCoordinationMs(RoundProbe.coordinationMs(round, d.name(),
                d.roundOverheadMs())));
        if (progress != null) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "profiling: rounds of every device at"
                    + " once: server step %.1f ms; coordination per round", round.serverStepMs()));
            profiled.forEach(d -> line.append(String.format(Locale.ROOT, " %s %.1f ms (call %.1f ms, alone %.1f ms)",
                    d.name(), d.roundCoordinationMs(), round.callBeyondComputeMs().get(d.name()), d.roundOverheadMs())));
            progress.println(line);
            progress.flush();
        }
    }

    /**
     * The services a device is profiled with: its own, each with its share of their configured mean rates; a device
     * that hosts none gets the config's first service as a stand-in, so its interference figures exist too.
     */
    static List<DeviceProfiler.HostedService> hosted(GridPoint point, String device, Map<String, String> modelIds) {
        List<ServiceInstance> own = point.scenario().servicesOn(device);
        List<ServiceInstance> used = own.isEmpty() ? List.of(point.scenario().services().get(0)) : own;
        double total = used.stream().mapToDouble(s -> s.arrivals().meanRatePerSec()).sum();
        List<DeviceProfiler.HostedService> hosted = new ArrayList<>();
        for (ServiceInstance s : used) {
            double share = total > 0 ? s.arrivals().meanRatePerSec() / total : 1.0 / used.size();
            hosted.add(new DeviceProfiler.HostedService(s.service(), modelIds.get(s.service()), s.deadlineMs(), share));
        }
        return hosted;
    }

    private void printErrors(PrintWriter o, Profile profile, QuotaModelErrors pooledQuota,
                             Map<String, QuotaModelCheck.LatencyComparison> latency,
                             Map<String, QuotaModelCheck.LatencyComparison> aloneLatency) {
        o.print(errorTables(profile, pooledQuota));
        o.print(latencyTable(latency));
        o.print(aloneLatencyTable(aloneLatency));
        o.println("profile: " + out.toAbsolutePath().normalize());
        o.flush();
    }

    /**
     * Each device's held-out errors, and with more than one device a row {@link #ALL_DEVICES}: every device's
     * held-out points together, each predicted by its own device's model ({@code pooledQuota} the quota model's).
     * Each cell reads {@code median% / max% (points)}, which fidelity/table.sh parses.
     */
    static String errorTables(Profile profile, QuotaModelErrors pooledQuota) {
        StringBuilder o = new StringBuilder("held-out |relative error| (median / max over the held-out points):\n");
        o.append(String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s%n", "device", "trainSamplesPerSec",
                "serviceSlowdown", "trainingSlowdown"));
        for (ProfiledDevice d : profile.devices()) {
            o.append(heldOutRow(d.name(), d.heldOutErrors()));
        }
        if (profile.devices().size() > 1) {
            o.append(heldOutRow(ALL_DEVICES,
                    HeldOutErrors.pooled(profile.devices().stream().map(HeldOutErrors.Fitted::of).toList())));
        }
        List<ProfiledDevice> checked = profile.devices().stream().filter(d -> d.quotaModelErrors().evaluated())
                .toList();
        if (!checked.isEmpty()) {
            o.append("the twin's CPU quota model on the held-out co-located design points (the others fitted its"
                    + " co-location terms):\n");
            // training's CPU a sample beside over alone, where some point measured it (files since 2026-12-07 20:30)
            boolean cpu = checked.stream().anyMatch(d -> d.quotaModelErrors().cpuRatioEvaluated());
            o.append(String.format(Locale.ROOT, "%-12s %-30s %-30s%s%n", "device", "trainColocatedSamplesPerSec",
                    "serviceColocatedMeanMs", cpu ? String.format(Locale.ROOT, " %-30s", "trainCpuRatio") : ""));
            for (ProfiledDevice d : checked) {
                o.append(quotaRow(d.name(), d.quotaModelErrors(), cpu));
            }
            if (checked.size() > 1) {
                o.append(quotaRow(ALL_DEVICES, pooledQuota, cpu));
            }
        }
        Map<String, List<ProfiledDevice.MeasuredPoint>> designs = new LinkedHashMap<>();
        profile.devices().forEach(d -> designs.put(d.name(), d.design()));
        o.append(repeatTable("the held-out points measured again (the errors above are against the mean of each"
                + " point's measurements)", designs));
        o.append(atHostTables(profile));
        return o.toString();
    }

    /**
     * The held-out errors again (and the repeats' spread, where points were measured again) with every phase of every
     * measurement taken to its device's mean probe step ({@link HostNormalised}), for the devices whose phases the
     * host-speed probe covered throughout; empty without any.
     */
    static String atHostTables(Profile profile) {
        Map<String, HeldOutErrors.Fitted> fitted = new LinkedHashMap<>();
        Map<String, List<ProfiledDevice.MeasuredPoint>> designs = new LinkedHashMap<>();
        for (ProfiledDevice d : profile.devices()) {
            HostNormalised.design(d.design()).ifPresent(atHost -> {
                designs.put(d.name(), atHost);
                HostNormalised.fit(atHost).ifPresent(f -> fitted.put(d.name(), f));
            });
        }
        if (fitted.isEmpty()) {
            return "";
        }
        StringBuilder o = new StringBuilder("at one host: held-out |relative error| with each phase taken to the"
                + " device's mean host-speed probe step (the model fitted again on the design so taken):\n");
        o.append(String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s%n", "device", "trainSamplesPerSec",
                "serviceSlowdown", "trainingSlowdown"));
        fitted.forEach((name, f) -> o.append(heldOutRow(name, HeldOutErrors.pooled(List.of(f)))));
        if (fitted.size() > 1) {
            o.append(heldOutRow(ALL_DEVICES, HeldOutErrors.pooled(List.copyOf(fitted.values()))));
        }
        o.append(repeatTable("at one host: the held-out points measured again, each phase taken to the device's"
                + " mean host-speed probe step", designs));
        return o.toString();
    }

    /**
     * The twin's LC latency beside training against the agents' on every design point that measured it, by device
     * and, with more than one, {@link #ALL_DEVICES}; empty without any. Cells as the other tables'.
     */
    static String latencyTable(Map<String, QuotaModelCheck.LatencyComparison> byDevice) {
        return latencyTable(byDevice, "the twin's LC latency beside training on the held-out co-located design"
                + " points (at the clients, over phases as long as the agents'; the others fitted training's share of a"
                + " core beside a request):", "latencyColocated");
    }

    /**
     * The twin's LC latency with the services alone against the agents' on every design point that measured it (its
     * services-alone phase), as {@link #latencyTable}: no fit uses it, so every point is a check.
     */
    static String aloneLatencyTable(Map<String, QuotaModelCheck.LatencyComparison> byDevice) {
        return latencyTable(byDevice, "the twin's LC latency with the services alone on the design points (at the"
                + " clients, over phases as long as the agents'; no fit uses it):", "latencyAlone");
    }

    private static String latencyTable(Map<String, QuotaModelCheck.LatencyComparison> byDevice, String title,
                                       String figure) {
        if (byDevice.isEmpty()) {
            return "";
        }
        StringBuilder o = new StringBuilder(title + "\n");
        o.append(String.format(Locale.ROOT, "%-12s %-36s %-36s%n", "device", figure + "MedianMs", figure + "P99Ms"));
        byDevice.forEach((name, c) -> o.append(latencyRow(name, c)));
        if (byDevice.size() > 1) {
            o.append(latencyRow(ALL_DEVICES, QuotaModelCheck.LatencyComparison.pooled(List.copyOf(byDevice.values()))));
        }
        return o.toString();
    }

    /**
     * A row of a latency table: each cell the |relative error| ({@link #cell}) and at how many of its points the twin
     * lies above the agents, the side the error falls on (a twin short at most points is short, however small the
     * median |error|).
     */
    private static String latencyRow(String name, QuotaModelCheck.LatencyComparison c) {
        return String.format(Locale.ROOT, "%-12s %-36s %-36s%n", name,
                cell(c.medianErrors()) + ", twin above " + c.medianTwinAbove(),
                cell(c.p99Errors()) + ", twin above " + c.p99TwinAbove());
    }

    /**
     * Each point's latency in one phase ({@code phase}), the agents' against the twin's, on the progress stream; the
     * held-out points marked where a fit used the others ({@code fitted}).
     */
    private static void printLatency(PrintWriter progress, String device, QuotaModelCheck.LatencyComparison c,
                                     String phase, boolean fitted) {
        if (progress == null) {
            return;
        }
        for (QuotaModelCheck.PointLatency p : c.points()) {
            progress.println(String.format(Locale.ROOT, "  %s: batch %d, %.3g req/s %s: latency median"
                    + " %.1f ms / p99 %.1f ms at the clients, the twin %.1f / %.1f ms%s", device, p.point().batch(),
                    p.point().ratePerSec(), phase, p.measured().medianMs(), p.measured().p99Ms(),
                    p.predicted().medianMs(), p.predicted().p99Ms(), fitted && p.heldOut() ? " (held out)" : ""));
        }
        progress.flush();
    }

    /**
     * How far each device's repeated held-out points lie from their first measurements ({@link RepeatSpread}), under
     * {@code heading}, and with more than one such device a row {@link #ALL_DEVICES}; empty when no point of
     * {@code designs} (by device name) was measured again.
     */
    private static String repeatTable(String heading, Map<String, List<ProfiledDevice.MeasuredPoint>> designs) {
        Map<String, RepeatSpread> repeated = new LinkedHashMap<>();
        designs.forEach((name, design) -> repeated.put(name, RepeatSpread.of(design)));
        repeated.values().removeIf(r -> !r.evaluated());
        if (repeated.isEmpty()) {
            return "";
        }
        StringBuilder o = new StringBuilder(heading + ": |relative difference| of each later measurement from the"
                + " point's first\n");
        o.append(String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s %-30s %-30s%n", "device", "trainSamplesPerSec",
                "serviceSlowdown", "trainingSlowdown", "trainColocatedSamplesPerSec", "serviceColocatedMeanMs"));
        repeated.forEach((name, r) -> o.append(repeatRow(name, r)));
        if (repeated.size() > 1) {
            o.append(repeatRow(ALL_DEVICES, RepeatSpread.of(designs.values().stream().flatMap(List::stream).toList())));
        }
        return o.toString();
    }

    private static String repeatRow(String name, RepeatSpread r) {
        return String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s %-30s %-30s%n", name, cell(r.trainSamplesPerSec()),
                cell(r.serviceSlowdown()), cell(r.trainingSlowdown()), cell(r.trainColocatedSamplesPerSec()),
                cell(r.serviceColocatedMeanMs()));
    }

    private static String heldOutRow(String name, HeldOutErrors e) {
        return String.format(Locale.ROOT, "%-12s %-22s %-22s %-22s%n", name, cell(e.trainSamplesPerSec()),
                cell(e.serviceSlowdown()), cell(e.trainingSlowdown()));
    }

    /**
     * A row of the quota model's table; with {@code cpu} a third cell, "n/a" where the device's points did not measure
     * training's CPU a sample (fidelity/table.sh counts only cells that parse).
     */
    private static String quotaRow(String name, QuotaModelErrors e, boolean cpu) {
        String third = !cpu ? "" : String.format(Locale.ROOT, " %-30s",
                e.cpuRatioEvaluated() ? cell(e.trainCpuRatio()) : "n/a");
        return String.format(Locale.ROOT, "%-12s %-30s %-30s%s%n", name, cell(e.trainColocatedSamplesPerSec()),
                cell(e.serviceColocatedMeanMs()), third);
    }

    private static void printCoRunner(PrintWriter progress, String device, CoRunnerProbe.Figures f) {
        if (progress != null) {
            progress.println(String.format(Locale.ROOT, "profiling %s: training %.3f ms CPU a sample alone, %.3f beside"
                    + " a co-runner on %.2f of the other %d core(s): %+.1f %% (median of %d turns, least %+.1f %%;"
                    + " alone phases %.1f %% apart at most): %s", device, f.aloneCpuMsPerSample(),
                    f.besideCpuMsPerSample(), f.coRunnerCores(), f.otherCores(), 100 * f.growth(), CoRunnerProbe.CYCLES,
                    100 * f.leastGrowth(), 100 * f.aloneSpread(),
                    f.resolved() ? String.format(Locale.ROOT, "work per CPU second x%.3f with them all busy",
                            f.coRunnerSpeed()) : "not resolved, the twin takes x1"));
            progress.flush();
        }
    }

    private static void printColocation(PrintWriter progress, ProfiledDevice d) {
        if (progress != null) {
            progress.println(String.format(Locale.ROOT, "profiling %s: co-location terms fitted on the design's"
                    + " co-located points that were not held out: back-to-back request CPU x%.2f, training while"
                    + " serving x%.2f, on x%.2f of a core, a request that finds its service idle at x%.2f speed",
                    d.name(), d.colocation().backToBackCpu(), d.colocation().trainingSpeedWhileServing(),
                    d.colocation().trainingCoresWhileServing(), d.colocation().coldRequestSpeed()));
            progress.flush();
        }
    }

    private static String cell(ErrorSummary e) {
        return String.format(Locale.ROOT, "%.1f%% / %.1f%% (%d)", 100 * e.median(), 100 * e.max(), e.points());
    }

    static String method(String design) {
        return design.equals("factorial") ? DesignPlan.FACTORIAL : DesignPlan.LATIN_HYPERCUBE;
    }
}
