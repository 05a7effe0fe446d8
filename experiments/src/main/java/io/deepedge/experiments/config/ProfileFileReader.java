package io.deepedge.experiments.config;

import io.deepedge.models.ColocationTerms;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.GcPauses;
import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.HostSpeedTrace;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ComputeCpu;
import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.ServiceCpuCurve;
import io.deepedge.models.profile.ServiceProfile;
import io.deepedge.traces.TraceException;
import io.deepedge.traces.TraceProblem;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a profile file (README, "Profile files"). Every problem is reported at once, as a
 * {@code PROFILE:LINE: path: what (value), expected ...} line, so the config loader lists them with the config
 * line that references the file.
 */
public final class ProfileFileReader {
    static final List<String> TOP_KEYS = List.of("format", "conditions", "devices");
    static final List<String> CONDITION_KEYS = List.of("date", "machine", "jvm", "seed", "design");
    static final List<String> DEVICE_KEYS = List.of("name", "cpus", "memoryMiB", "lcHopMs", "roundOverheadMs",
            "shardLoadMsPerSample", "batches", "throughput", "interference", "heldOutError", "services", "design",
            "cfsPeriodMs", "hostCores", "quotaModelError", "gcPauses", "idleCpuCores", "roundCoordinationMs",
            "serviceCpu", "colocation", "speedSpread", "speedTrace", "hostProbe");
    static final List<String> GC_PAUSES_KEYS = List.of("perRequest", "perTrainSample", "cpuMsPerRequest",
            "cpuMsPerTrainSample", "cleanupCpuMsPerRequest", "cleanupCpuMsPerTrainSample");
    static final List<String> SERVICE_KEYS = List.of("name", "model", "meanMs", "cv", "samples", "capacityMs",
            "cpuMeanMs", "cpuCv");
    /**
     * A measurement's figures: a design point's, and each of its repeats'; the four first are required, the
     * co-located and the services-alone latency, the phases' host-speed probe and training's compute CPU a sample
     * are not (files written before they were measured).
     */
    static final List<String> FIGURE_KEYS = List.of("trainAloneSamplesPerSec", "trainColocatedSamplesPerSec",
            "serviceAloneMeanMs", "serviceColocatedMeanMs", "latencyColocated", "latencyAlone", "phaseHosts",
            "computeCpu");
    static final List<String> COMPUTE_CPU_KEYS = List.of("aloneMsPerSample", "colocatedMsPerSample");
    /** The phases of a measurement that may carry host-speed probe steps, each a {@link #HOST_PROBE_KEYS} block. */
    static final List<String> PHASE_HOST_KEYS = List.of("trainAlone", "servicesAlone", "together");
    static final List<String> LATENCY_KEYS = List.of("sec", "medianMs", "p99Ms");
    static final List<String> POINT_KEYS = java.util.stream.Stream.of(List.of("batch", "ratePerSec", "heldOut"),
            FIGURE_KEYS, List.of("repeats")).flatMap(List::stream).toList();
    private static final Bound COEFFICIENT = Bound.closed(-1e9, 1e9);
    private static final Bound ERROR = Bound.closed(0, 1e9);
    /** Collector pauses per request or per trained sample: measured ones are far below 1. */
    private static final Bound PAUSES_PER_WORK = Bound.closed(0, 1e6);
    static final List<String> COLOCATION_KEYS = List.of("backToBackCpu", "trainingSpeedWhileServing",
            "trainingCoresWhileServing", "coRunnerSpeed", "coldRequestSpeed");
    /** A co-location term: a fraction that keeps some of what it scales. */
    private static final Bound COLOCATION_FRACTION = Bound.openClosed(0, 1);
    /** The host's speed spread, the standard deviation of a log: 0 (none) up to the model's bound. */
    private static final Bound SPEED_SPREAD = Bound.closed(0, CpuQuota.MAX_SPEED_SPREAD);
    static final List<String> SPEED_TRACE_KEYS = List.of("stepSec", "speeds");
    /** A step of the host's speed series: from a millisecond to a minute. */
    private static final Bound SPEED_STEP_SEC = Bound.closed(0.001, 60);
    private static final Bound SPEED = Bound.closed(HostSpeedTrace.MIN_SPEED, HostSpeedTrace.MAX_SPEED);
    static final List<String> HOST_PROBE_KEYS = List.of("probes", "cpuMs");
    /** The host-speed probe's mean step: a LeNet step of some 40 ms here; from a microsecond to a minute. */
    private static final Bound PROBE_CPU_MS = Bound.closed(0.001, 60_000);

    private final Problems problems = new Problems();

    private ProfileFileReader() {
    }

    /**
     * @param label the file as the user named it, for problem lines
     * @throws TraceException with every problem of the file
     */
    public static Profile read(Path file, String label) throws TraceException {
        ProfileFileReader reader = new ProfileFileReader();
        Optional<Profile> profile = reader.parse(file);
        if (profile.isEmpty() || !reader.problems.isEmpty()) {
            List<TraceProblem> list = new ArrayList<>();
            for (Problem p : reader.problems.list()) {
                String expected = p.expectation().replaceFirst("^, expected ", "");
                list.add(new TraceProblem(label, p.line(), 0, p.subject(), null, expected.isEmpty() ? null : expected));
            }
            if (list.isEmpty()) {
                list.add(new TraceProblem(label, 0, 0, "is not a profile file", null, "a " + Profile.FORMAT + " file"));
            }
            throw new TraceException(list);
        }
        return profile.get();
    }

    private Optional<Profile> parse(Path file) {
        Optional<YamlMap> top = YamlSource.read(file, problems)
                .flatMap(d -> YamlMap.of(d.root(), "", "a mapping with keys " + String.join(", ", TOP_KEYS), problems));
        if (top.isEmpty()) {
            return Optional.empty();
        }
        YamlMap t = top.get();
        t.allowOnly(TOP_KEYS);
        Optional<String> format = requiredText(t, "format", Profile.FORMAT);
        if (format.isPresent() && !format.get().equals(Profile.FORMAT)) {
            problems.add(t.get("format").orElseThrow(), "format", "is not a known profile format", format.get(),
                    Profile.FORMAT);
        }
        Optional<YamlMap> c = required(t, "conditions", "a mapping with keys " + String.join(", ", CONDITION_KEYS));
        c.ifPresent(m -> m.allowOnly(CONDITION_KEYS));
        Optional<String> date = c.flatMap(m -> requiredText(m, "date", "an ISO-8601 time"));
        Optional<String> machine = c.flatMap(m -> requiredText(m, "machine", "a description of the host"));
        Optional<String> jvm = c.flatMap(m -> requiredText(m, "jvm", "the agents' Java runtime"));
        OptionalLong seed = c.map(m -> m.integer("seed", LongRange.ANY)).orElse(OptionalLong.empty());
        Optional<String> method = c.flatMap(m -> requiredText(m, "design",
                DesignPlan.LATIN_HYPERCUBE + " or " + DesignPlan.FACTORIAL));
        if (method.isPresent() && !List.of(DesignPlan.LATIN_HYPERCUBE, DesignPlan.FACTORIAL).contains(method.get())) {
            problems.add(c.get().get("design").orElseThrow(), "conditions.design", "unknown design method",
                    method.get(), DesignPlan.LATIN_HYPERCUBE + " or " + DesignPlan.FACTORIAL);
        }
        List<ProfiledDevice> devices = devices(t);
        if (!problems.isEmpty() || date.isEmpty() || machine.isEmpty() || jvm.isEmpty() || seed.isEmpty()
                || method.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(date.get(), machine.get(), jvm.get(), seed.getAsLong(), method.get(), devices));
    }

    private List<ProfiledDevice> devices(YamlMap top) {
        List<ProfiledDevice> devices = new ArrayList<>();
        Optional<List<Node>> items = top.list("devices", "a non-empty list of profiled devices");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            String path = YamlNodes.item("devices", i);
            Optional<ProfiledDevice> d = YamlMap.of(items.get().get(i), path, "a device mapping", problems)
                    .flatMap(this::device);
            if (d.isPresent() && !names.add(d.get().name())) {
                problems.add(items.get().get(i), path + ".name", "duplicate device name", d.get().name(),
                        "each device once");
            }
            d.ifPresent(devices::add);
        }
        return devices;
    }

    private Optional<ProfiledDevice> device(YamlMap m) {
        m.allowOnly(DEVICE_KEYS);
        Optional<String> name = m.name("name");
        OptionalDouble cpus = m.number("cpus", Ranges.TESTBED_CPUS);
        OptionalDouble memory = m.number("memoryMiB", Ranges.MEMORY_MIB);
        OptionalDouble hop = m.number("lcHopMs", Ranges.LATENCY_MS);
        // optional: files written before these were measured read as no overhead
        OptionalDouble roundOverhead = m.number("roundOverheadMs", Ranges.DEVICE_WORK_MS, 0);
        OptionalDouble shardLoad = m.number("shardLoadMsPerSample", Ranges.DEVICE_WORK_MS, 0);
        OptionalDouble coordination = m.number("roundCoordinationMs", Ranges.DEVICE_WORK_MS, 0);
        OptionalDouble idleCores = m.number("idleCpuCores", Ranges.IDLE_CPU_CORES, 0);
        OptionalDouble speedSpread = m.number("speedSpread", SPEED_SPREAD, 0);
        Optional<List<Integer>> batches = batches(m);
        Optional<InterferenceModel> model = model(m);
        Optional<HeldOutErrors> errors = heldOutErrors(m);
        Optional<QuotaModelErrors> quotaErrors = quotaModelErrors(m);
        Optional<GcPauses> gcPauses = gcPauses(m);
        Optional<ServiceCpuCurve> serviceCpu = serviceCpu(m);
        Optional<ColocationTerms> colocation = colocation(m);
        Optional<HostSpeedTrace> speedTrace = optionalBlock(m, "speedTrace", SPEED_TRACE_KEYS, HostSpeedTrace.NONE,
                this::speedTrace);
        Optional<HostProbe> hostProbe = optionalBlock(m, "hostProbe", HOST_PROBE_KEYS, HostProbe.NONE,
                this::hostProbe);
        Optional<List<ServiceProfile>> services = services(m);
        Optional<List<ProfiledDevice.MeasuredPoint>> design = design(m);
        // optional, together: the CPU bandwidth limit the figures were measured under (older files: none recorded)
        OptionalDouble period = m.number("cfsPeriodMs", Ranges.CFS_PERIOD_MS, 0);
        OptionalLong hostCores = m.integer("hostCores", Ranges.HOST_CORES, 0);
        if (m.has("cfsPeriodMs") != m.has("hostCores")) {
            String missing = m.has("cfsPeriodMs") ? "hostCores" : "cfsPeriodMs";
            problems.add(m.node(), m.path(missing), "is missing: a CPU quota needs both cfsPeriodMs and hostCores",
                    null, "cfsPeriodMs: <CFS period in ms> and hostCores: <cores of the agents' host>, or neither");
            return Optional.empty();
        }
        if (name.isEmpty() || cpus.isEmpty() || memory.isEmpty() || hop.isEmpty() || roundOverhead.isEmpty()
                || shardLoad.isEmpty() || batches.isEmpty() || model.isEmpty() || errors.isEmpty() || services.isEmpty()
                || design.isEmpty() || period.isEmpty() || hostCores.isEmpty() || quotaErrors.isEmpty()
                || gcPauses.isEmpty() || idleCores.isEmpty() || coordination.isEmpty() || serviceCpu.isEmpty()
                || colocation.isEmpty() || speedSpread.isEmpty() || speedTrace.isEmpty() || hostProbe.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(m.node(), m.path(), () -> new ProfiledDevice(name.get(), cpus.getAsDouble(),
                memory.getAsDouble(), hop.getAsDouble(), roundOverhead.getAsDouble(), shardLoad.getAsDouble(),
                batches.get(), model.get(), errors.get(), services.get(), design.get(), period.getAsDouble(),
                (int) hostCores.getAsLong(), quotaErrors.get(), gcPauses.get(), idleCores.getAsDouble(),
                coordination.getAsDouble(), serviceCpu.get(), colocation.get(), speedSpread.getAsDouble(),
                speedTrace.get(), hostProbe.get()));
    }

    /**
     * Optional (profiles of remote agents, and files written before 2026-12-06, have none: {@link HostProbe#NONE}):
     * how many host-speed probe steps ended while the device was profiled, at least one, and their mean CPU time.
     */
    private Optional<HostProbe> hostProbe(Optional<YamlMap> p) {
        OptionalLong probes = p.map(x -> x.integer("probes", new LongRange(1, Integer.MAX_VALUE)))
                .orElse(OptionalLong.empty());
        OptionalDouble cpuMs = number(p, "cpuMs", PROBE_CPU_MS);
        if (probes.isEmpty() || cpuMs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new HostProbe((int) probes.getAsLong(), cpuMs.getAsDouble()));
    }

    /**
     * Optional (files written before it was recorded have none, {@link HostSpeedTrace#NONE}): the host's speed over
     * time, {@code stepSec} and a non-empty list of {@code speeds}; every bad speed is named.
     */
    private Optional<HostSpeedTrace> speedTrace(Optional<YamlMap> t) {
        OptionalDouble step = number(t, "stepSec", SPEED_STEP_SEC);
        Optional<List<Node>> items = t.flatMap(x -> x.list("speeds",
                "a non-empty list of the host's speeds, one per step, e.g. [1.02, 0.97, 0.81]"));
        List<Double> speeds = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            OptionalDouble v = YamlNodes.number(items.get().get(i), YamlNodes.item(t.get().path("speeds"), i), SPEED,
                    problems);
            v.ifPresent(speeds::add);
        }
        if (step.isEmpty() || items.isEmpty() || speeds.size() != items.get().size()) {
            return Optional.empty();
        }
        return problems.build(t.get().node(), t.get().path(), () -> new HostSpeedTrace(step.getAsDouble(), speeds));
    }

    /**
     * Optional (files written before they were fitted have none, {@link ColocationTerms#NONE}): the co-location terms
     * the profiler fitted on the design's co-located points.
     */
    private Optional<ColocationTerms> colocation(YamlMap m) {
        return optionalBlock(m, "colocation", COLOCATION_KEYS, ColocationTerms.NONE, this::colocationTerms);
    }

    /** The terms in a present {@code colocation} block. */
    private Optional<ColocationTerms> colocationTerms(Optional<YamlMap> c) {
        OptionalDouble backToBack = number(c, "backToBackCpu", COLOCATION_FRACTION);
        OptionalDouble training = number(c, "trainingSpeedWhileServing", COLOCATION_FRACTION);
        // optional, 1 where absent: files written before they were fitted or measured have training at whole cores
        // (before 2026-12-04), work unaffected by other devices (2026-12-05) and every request alike (2026-12-06)
        OptionalDouble cores = laterTerm(c, "trainingCoresWhileServing");
        OptionalDouble coRunner = laterTerm(c, "coRunnerSpeed");
        OptionalDouble cold = laterTerm(c, "coldRequestSpeed");
        if (backToBack.isEmpty() || training.isEmpty() || cores.isEmpty() || coRunner.isEmpty() || cold.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(c.get().node(), c.get().path(),
                () -> new ColocationTerms(backToBack.getAsDouble(), training.getAsDouble(), cores.getAsDouble(),
                        coRunner.getAsDouble(), cold.getAsDouble()));
    }

    /** A co-location term added after the block was first written: 1 (the model as is) where a file has none. */
    private OptionalDouble laterTerm(Optional<YamlMap> c, String key) {
        return c.isPresent() && !c.get().has(key) ? OptionalDouble.of(1) : number(c, key, COLOCATION_FRACTION);
    }

    /**
     * Optional (files written before it was measured have none, {@link ServiceCpuCurve#NONE}): the agent's CPU over
     * its services' total rate, a list of {@code { ratePerSec, cores }}.
     */
    private Optional<ServiceCpuCurve> serviceCpu(YamlMap m) {
        if (!m.has("serviceCpu")) {
            return Optional.of(ServiceCpuCurve.NONE);
        }
        List<String> keys = List.of("ratePerSec", "cores");
        Optional<List<Node>> items = m.list("serviceCpu", "a non-empty list of { ratePerSec, cores }");
        List<ServiceCpuCurve.Point> points = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            Optional<YamlMap> p = YamlMap.of(items.get().get(i), YamlNodes.item(m.path("serviceCpu"), i),
                    "a mapping with keys " + String.join(", ", keys), problems);
            p.ifPresent(x -> x.allowOnly(keys));
            OptionalDouble rate = number(p, "ratePerSec", Ranges.RATE_PER_SEC);
            OptionalDouble cores = number(p, "cores", Ranges.IDLE_CPU_CORES);
            if (rate.isPresent() && cores.isPresent()) {
                points.add(new ServiceCpuCurve.Point(rate.getAsDouble(), cores.getAsDouble()));
            }
        }
        return items.isPresent() && points.size() == items.get().size() ? Optional.of(new ServiceCpuCurve(points))
                : Optional.empty();
    }

    private Optional<List<Integer>> batches(YamlMap m) {
        Optional<List<Node>> items = m.list("batches", "a non-empty list of local batch sizes, e.g. [8, 16, 32]");
        List<Integer> batches = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            OptionalLong b = YamlNodes.integer(items.get().get(i), YamlNodes.item(m.path("batches"), i), Ranges.BATCH,
                    problems);
            b.ifPresent(v -> batches.add((int) v));
        }
        return items.isPresent() && batches.size() == items.get().size() ? Optional.of(batches) : Optional.empty();
    }

    private Optional<InterferenceModel> model(YamlMap m) {
        Optional<YamlMap> t = required(m, "throughput", "a mapping with iterationBaseSec, iterationPerSampleSec");
        t.ifPresent(x -> x.allowOnly(List.of("iterationBaseSec", "iterationPerSampleSec")));
        OptionalDouble base = number(t, "iterationBaseSec", COEFFICIENT);
        OptionalDouble perSample = number(t, "iterationPerSampleSec", Bound.openClosed(0, 1e9));
        Optional<YamlMap> i = required(m, "interference", "a mapping with serviceSlowdown, trainingSlowdownWhileServing");
        i.ifPresent(x -> x.allowOnly(List.of("serviceSlowdown", "trainingSlowdownWhileServing")));
        Optional<YamlMap> s = i.flatMap(x -> required(x, "serviceSlowdown", "a mapping with intercept, perBatch, perUtilisation"));
        s.ifPresent(x -> x.allowOnly(List.of("intercept", "perBatch", "perUtilisation", "aloneMs")));
        OptionalDouble a0 = number(s, "intercept", COEFFICIENT);
        OptionalDouble a1 = number(s, "perBatch", COEFFICIENT);
        OptionalDouble a2 = number(s, "perUtilisation", COEFFICIENT);
        // optional: files written before 2026-12-04 fitted each point's own ratio (no alone time of the model's)
        OptionalDouble aloneMs = s.isPresent() && s.get().has("aloneMs") ? number(s, "aloneMs", Ranges.DURATION_MS)
                : OptionalDouble.of(0);
        OptionalDouble slowdown = number(i, "trainingSlowdownWhileServing", Ranges.SLOWDOWN);
        if (base.isEmpty() || perSample.isEmpty() || a0.isEmpty() || a1.isEmpty() || a2.isEmpty() || slowdown.isEmpty()
                || aloneMs.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(t.get().node(), t.get().path(), () -> new InterferenceModel(base.getAsDouble(),
                perSample.getAsDouble(), a0.getAsDouble(), a1.getAsDouble(), a2.getAsDouble(), slowdown.getAsDouble(),
                aloneMs.getAsDouble()));
    }

    private Optional<HeldOutErrors> heldOutErrors(YamlMap m) {
        List<String> keys = List.of("trainSamplesPerSec", "serviceSlowdown", "trainingSlowdown");
        Optional<YamlMap> e = required(m, "heldOutError", "a mapping with " + String.join(", ", keys));
        return errorSummaries(e, keys).map(s -> new HeldOutErrors(s.get(0), s.get(1), s.get(2)));
    }

    /** The quota model's error on training's CPU a sample, an optional key of {@code quotaModelError}. */
    private static final String QUOTA_CPU_RATIO_KEY = "trainCpuRatio";

    /** Optional (files written before the check have none): the quota model's errors, NONE when absent. */
    private Optional<QuotaModelErrors> quotaModelErrors(YamlMap m) {
        if (!m.has("quotaModelError")) {
            return Optional.of(QuotaModelErrors.NONE);
        }
        List<String> keys = List.of("trainColocatedSamplesPerSec", "serviceColocatedMeanMs");
        Optional<YamlMap> e = required(m, "quotaModelError", "a mapping with " + String.join(", ", keys)
                + " and optionally " + QUOTA_CPU_RATIO_KEY);
        // training's CPU a sample beside over alone: files written since 2026-12-08 whose design measured it
        boolean cpu = e.map(x -> x.has(QUOTA_CPU_RATIO_KEY)).orElse(false);
        List<String> present = cpu ? List.of(keys.get(0), keys.get(1), QUOTA_CPU_RATIO_KEY) : keys;
        return errorSummaries(e, present).map(s -> cpu ? new QuotaModelErrors(s.get(0), s.get(1), s.get(2))
                : new QuotaModelErrors(s.get(0), s.get(1)));
    }

    /**
     * Optional (files written before the agents reported their collector, or of agents that could not measure it):
     * the agent's stop-the-world pauses, {@link GcPauses#NONE} when absent.
     */
    private Optional<GcPauses> gcPauses(YamlMap m) {
        return optionalBlock(m, "gcPauses", GC_PAUSES_KEYS, GcPauses.NONE, this::gcPausesBlock);
    }

    /** The pauses in a present {@code gcPauses} block. */
    private Optional<GcPauses> gcPausesBlock(Optional<YamlMap> g) {
        OptionalDouble perRequest = number(g, "perRequest", PAUSES_PER_WORK);
        OptionalDouble perTrainSample = number(g, "perTrainSample", PAUSES_PER_WORK);
        List<OptionalDouble> cpu = new ArrayList<>();
        for (String key : GC_PAUSES_KEYS.subList(2, GC_PAUSES_KEYS.size())) {
            cpu.add(number(g, key, Ranges.DEVICE_WORK_MS));
        }
        if (perRequest.isEmpty() || perTrainSample.isEmpty() || cpu.stream().anyMatch(OptionalDouble::isEmpty)) {
            return Optional.empty();
        }
        return problems.build(g.get().node(), g.get().path(), () -> new GcPauses(perRequest.getAsDouble(),
                perTrainSample.getAsDouble(), cpu.get(0).getAsDouble(), cpu.get(1).getAsDouble(),
                cpu.get(2).getAsDouble(), cpu.get(3).getAsDouble()));
    }

    /**
     * An optional block: {@code none} when {@code key} is absent, else what {@code read} makes of the mapping under it
     * ({@link #block}).
     */
    private <T> Optional<T> optionalBlock(YamlMap m, String key, List<String> keys, T none,
                                          Function<Optional<YamlMap>, Optional<T>> read) {
        return m.has(key) ? read.apply(block(m, key, keys)) : Optional.of(none);
    }

    /** The mapping under {@code key}, with only {@code keys} allowed in it (each other key reported). */
    private Optional<YamlMap> block(YamlMap m, String key, List<String> keys) {
        Optional<YamlMap> b = required(m, key, "a mapping with " + String.join(", ", keys));
        b.ifPresent(x -> x.allowOnly(keys));
        return b;
    }

    /** One {median, max, points} summary per key of {@code e}, all or nothing (each problem reported). */
    private Optional<List<ErrorSummary>> errorSummaries(Optional<YamlMap> e, List<String> keys) {
        e.ifPresent(x -> x.allowOnly(keys));
        List<Optional<ErrorSummary>> summaries = new ArrayList<>();
        for (String key : keys) {
            Optional<YamlMap> s = e.flatMap(x -> required(x, key, "a mapping with median, max, points"));
            s.ifPresent(x -> x.allowOnly(List.of("median", "max", "points")));
            OptionalDouble median = number(s, "median", ERROR);
            OptionalDouble max = number(s, "max", ERROR);
            OptionalLong points = s.map(x -> x.integer("points", new LongRange(0, 1_000_000))).orElse(OptionalLong.empty());
            summaries.add(median.isEmpty() || max.isEmpty() || points.isEmpty() ? Optional.empty()
                    : Optional.of(new ErrorSummary(median.getAsDouble(), max.getAsDouble(), (int) points.getAsLong())));
        }
        if (summaries.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(summaries.stream().map(Optional::get).toList());
    }

    private Optional<List<ServiceProfile>> services(YamlMap m) {
        Optional<Node> node = m.require("services", "a list of services (may be empty: [])");
        Optional<List<Node>> items = node.flatMap(n -> YamlNodes.list(n, m.path("services"), "a list", problems));
        List<ServiceProfile> services = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            Optional<YamlMap> s = YamlMap.of(items.get().get(i), YamlNodes.item(m.path("services"), i),
                    "a mapping with keys " + String.join(", ", SERVICE_KEYS), problems);
            s.ifPresent(x -> x.allowOnly(SERVICE_KEYS));
            Optional<String> name = s.flatMap(x -> x.name("name"));
            Optional<String> model = s.flatMap(x -> requiredText(x, "model", "the served model's id"));
            OptionalDouble mean = number(s, "meanMs", Ranges.DURATION_MS);
            OptionalDouble cv = number(s, "cv", Bound.closed(0, 100));
            OptionalLong samples = s.map(x -> x.integer("samples", new LongRange(1, Long.MAX_VALUE)))
                    .orElse(OptionalLong.empty());
            // optional (files written before it was measured have none): 0 = not measured
            OptionalDouble capacity = s.map(x -> x.number("capacityMs", Ranges.DEVICE_WORK_MS, 0))
                    .orElse(OptionalDouble.empty());
            OptionalDouble cpuMean = s.map(x -> x.number("cpuMeanMs", Ranges.DEVICE_WORK_MS, 0))
                    .orElse(OptionalDouble.empty());
            OptionalDouble cpuCv = s.map(x -> x.number("cpuCv", Bound.closed(0, 100), 0)).orElse(OptionalDouble.empty());
            if (name.isPresent() && model.isPresent() && mean.isPresent() && cv.isPresent() && samples.isPresent()
                    && capacity.isPresent() && cpuMean.isPresent() && cpuCv.isPresent()) {
                services.add(new ServiceProfile(name.get(), model.get(), mean.getAsDouble(), cv.getAsDouble(),
                        samples.getAsLong(), capacity.getAsDouble(), cpuMean.getAsDouble(), cpuCv.getAsDouble()));
            }
        }
        return items.isPresent() && services.size() == items.get().size() ? Optional.of(services) : Optional.empty();
    }

    private Optional<List<ProfiledDevice.MeasuredPoint>> design(YamlMap m) {
        Optional<List<Node>> items = m.list("design", "a non-empty list of measured design points");
        List<ProfiledDevice.MeasuredPoint> points = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            Optional<YamlMap> p = YamlMap.of(items.get().get(i), YamlNodes.item(m.path("design"), i),
                    "a mapping with keys " + String.join(", ", POINT_KEYS), problems);
            p.ifPresent(x -> x.allowOnly(POINT_KEYS));
            OptionalLong batch = p.map(x -> x.integer("batch", Ranges.BATCH)).orElse(OptionalLong.empty());
            OptionalDouble rate = number(p, "ratePerSec", Ranges.RATE_PER_SEC);
            Optional<Boolean> held = p.flatMap(x -> x.require("heldOut", "true or false")
                    .flatMap(n -> x.bool("heldOut", false)));
            Optional<DesignPoint> point = batch.isPresent() && rate.isPresent()
                    ? Optional.of(new DesignPoint((int) batch.getAsLong(), rate.getAsDouble())) : Optional.empty();
            Optional<Measurement> first = point.flatMap(x -> measurement(p, x));
            Optional<List<Measurement>> repeats = point.flatMap(x -> repeats(p.get(), x));
            if (held.isPresent() && first.isPresent() && repeats.isPresent()) {
                points.add(new ProfiledDevice.MeasuredPoint(first.get(), held.get(), repeats.get()));
            }
        }
        return items.isPresent() && points.size() == items.get().size() ? Optional.of(points) : Optional.empty();
    }

    /** A point's measured figures, from {@code p} (a design point, or one of its repeats). */
    private Optional<Measurement> measurement(Optional<YamlMap> p, DesignPoint point) {
        OptionalDouble alone = number(p, "trainAloneSamplesPerSec", Ranges.SAMPLES_PER_SEC);
        OptionalDouble together = number(p, "trainColocatedSamplesPerSec", Ranges.SAMPLES_PER_SEC);
        OptionalDouble serviceAlone = number(p, "serviceAloneMeanMs", Ranges.DURATION_MS);
        OptionalDouble serviceTogether = number(p, "serviceColocatedMeanMs", Ranges.DURATION_MS);
        Optional<ColocatedLatency> latency = p.isEmpty() ? Optional.empty()
                : optionalBlock(p.get(), "latencyColocated", LATENCY_KEYS, ColocatedLatency.NONE, this::latency);
        Optional<ColocatedLatency> latencyAlone = p.isEmpty() ? Optional.empty()
                : optionalBlock(p.get(), "latencyAlone", LATENCY_KEYS, ColocatedLatency.NONE, this::latency);
        Optional<PhaseHosts> hosts = p.isEmpty() ? Optional.empty()
                : optionalBlock(p.get(), "phaseHosts", PHASE_HOST_KEYS, PhaseHosts.NONE, this::phaseHosts);
        Optional<ComputeCpu> computeCpu = p.isEmpty() ? Optional.empty()
                : optionalBlock(p.get(), "computeCpu", COMPUTE_CPU_KEYS, ComputeCpu.NONE, this::computeCpu);
        if (alone.isPresent() && together.isPresent() && serviceAlone.isPresent() && serviceTogether.isPresent()
                && latency.isPresent() && latencyAlone.isPresent() && hosts.isPresent() && computeCpu.isPresent()) {
            return Optional.of(new Measurement(point, alone.getAsDouble(), together.getAsDouble(),
                    serviceAlone.getAsDouble(), serviceTogether.getAsDouble(), latency.get(), hosts.get(),
                    latencyAlone.get(), computeCpu.get()));
        }
        return Optional.empty();
    }

    /** Training's compute CPU a sample in a present {@code computeCpu} block: both phases' figures. */
    private Optional<ComputeCpu> computeCpu(Optional<YamlMap> c) {
        OptionalDouble alone = number(c, "aloneMsPerSample", Ranges.DURATION_MS);
        OptionalDouble colocated = number(c, "colocatedMsPerSample", Ranges.DURATION_MS);
        if (alone.isEmpty() || colocated.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ComputeCpu(alone.getAsDouble(), colocated.getAsDouble()));
    }

    /**
     * A present {@code phaseHosts} block: each phase with host-speed probe steps a {@code {probes, cpuMs}} block, a
     * phase without any left out ({@link HostProbe#NONE}).
     */
    private Optional<PhaseHosts> phaseHosts(Optional<YamlMap> h) {
        if (h.isEmpty()) {
            return Optional.empty();
        }
        List<Optional<HostProbe>> phases = new ArrayList<>();
        for (String key : PHASE_HOST_KEYS) {
            phases.add(optionalBlock(h.get(), key, HOST_PROBE_KEYS, HostProbe.NONE, this::hostProbe));
        }
        if (phases.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new PhaseHosts(phases.get(0).get(), phases.get(1).get(), phases.get(2).get()));
    }

    /** The latency in a present {@code latencyColocated} or {@code latencyAlone} block. */
    private Optional<ColocatedLatency> latency(Optional<YamlMap> l) {
        OptionalDouble sec = number(l, "sec", Ranges.DURATION_SEC);
        OptionalDouble median = number(l, "medianMs", Ranges.DURATION_MS);
        OptionalDouble p99 = number(l, "p99Ms", Ranges.DURATION_MS);
        if (sec.isEmpty() || median.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(l.get().node(), l.get().path(),
                () -> new ColocatedLatency(sec.getAsDouble(), median.getAsDouble(), p99.getAsDouble()));
    }

    /**
     * Optional (a point measured once has none): the point measured again ({@code profile --replicates}), a list of
     * mappings with the four figures.
     */
    private Optional<List<Measurement>> repeats(YamlMap p, DesignPoint point) {
        if (!p.has("repeats")) {
            return Optional.of(List.of());
        }
        Optional<List<Node>> items = p.list("repeats", "a non-empty list of mappings with keys "
                + String.join(", ", FIGURE_KEYS));
        List<Measurement> repeats = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            Optional<YamlMap> r = YamlMap.of(items.get().get(i), YamlNodes.item(p.path("repeats"), i),
                    "a mapping with keys " + String.join(", ", FIGURE_KEYS), problems);
            r.ifPresent(x -> x.allowOnly(FIGURE_KEYS));
            measurement(r, point).ifPresent(repeats::add);
        }
        return items.isPresent() && repeats.size() == items.get().size() ? Optional.of(repeats) : Optional.empty();
    }

    private Optional<YamlMap> required(YamlMap m, String key, String expected) {
        return m.require(key, expected).flatMap(n -> m.map(key, expected));
    }

    private Optional<String> requiredText(YamlMap m, String key, String expected) {
        return m.require(key, expected).flatMap(n -> YamlNodes.text(n, m.path(key), expected, problems));
    }

    private static OptionalDouble number(Optional<YamlMap> m, String key, Bound bound) {
        return m.map(x -> x.number(key, bound)).orElse(OptionalDouble.empty());
    }
}
