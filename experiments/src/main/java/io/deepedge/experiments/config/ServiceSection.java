package io.deepedge.experiments.config;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ColdStart;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.DeviceType;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceProfile;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the optional {@code services} list into one {@link ServiceInstance} per (service, device), in file order
 * of services and then of each service's device list, and checks that each device's instances fit in its memory.
 */
final class ServiceSection {
    static final List<String> KEYS = List.of("name", "devices", "arrivals", "serviceTimeMs", "deadlineMs",
            "sloQuantile", "model", "memoryMiB", "testbed", TestbedSettings.COLD_START);
    static final List<String> TESTBED_KEYS = List.of("model");
    static final List<String> COLD_START_KEYS = List.of("extraMs", "recoveryMs");
    /**
     * The service time of a service whose {@code serviceTimeMs} is omitted in a testbed config: the testbed
     * calibrates it and plans with that; any positive placeholder keeps the instance valid.
     */
    static final ServiceTime CALIBRATED_PLACEHOLDER = new ServiceTime.Constant(1);
    /** The model whose catalog inference time {@code serviceTimeMs: catalog} uses when a service names none. */
    static final String DEFAULT_MODEL = "resnet-50";
    static final double DEFAULT_SLO_QUANTILE = 0.99;

    /** A service's device list item: where it is written, for problems about that placement. */
    private record Placement(String device, Node at, String path) {
    }

    private final Problems problems;
    private final DeviceSection.Result devices;
    private final TraceFiles traces;
    private final OptionalDouble horizonSec;
    private final Set<String> serviceNames = new HashSet<>();
    private final List<ServiceInstance> instances = new ArrayList<>();
    private final Map<String, Located> arrivalsByService = new LinkedHashMap<>();
    private final ServiceMemory memory = new ServiceMemory();
    private final boolean calibratedFigures;
    private final Map<String, TestbedSettings.Service> testbed = new LinkedHashMap<>();

    private ServiceSection(Problems problems, DeviceSection.Result devices, TraceFiles traces, OptionalDouble horizonSec,
                           boolean calibratedFigures) {
        this.calibratedFigures = calibratedFigures;
        this.problems = problems;
        this.devices = devices;
        this.traces = traces;
        this.horizonSec = horizonSec;
    }

    /**
     * @param traces resolves and reads the trace files of trace arrivals
     * @param horizonSec how far a looped functions trace repeats; empty when the horizon is invalid (reported)
     */
    /**
     * The instances, and where each service's {@code arrivals} is written (for problems about its load).
     *
     * @param instances one per (service, device), in file order
     * @param arrivalsByService each valid service's arrivals block, by service name
     * @param testbed each valid service's testbed settings, by service name
     */
    record Result(List<ServiceInstance> instances, Map<String, Located> arrivalsByService,
                  Map<String, TestbedSettings.Service> testbed) {
    }

    /** @param calibratedFigures whether {@code serviceTimeMs} may be omitted (the testbed calibrates it) */
    static Result read(YamlMap top, DeviceSection.Result devices, TraceFiles traces,
                       OptionalDouble horizonSec, boolean calibratedFigures, Problems problems) {
        Optional<List<Node>> items = top.get("services")
                .flatMap(n -> YamlNodes.list(n, "services", "a list of services", problems));
        ServiceSection section = new ServiceSection(problems, devices, traces, horizonSec, calibratedFigures);
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            section.readService(items.get().get(i), YamlNodes.item("services", i));
        }
        section.memory.check(devices.devices(), problems);
        return new Result(section.atMeasuredRates(), section.arrivalsByService, section.testbed);
    }

    /**
     * The instances as read (one core while serving), each on a device measured by a profile file given the cores its
     * requests spend of the device's budget ({@link ProfiledDevice#twinCoresWhileServing(ServiceProfile, double)}:
     * the measured CPU per request, RPC threads included, at the total rate the config sends to the device's
     * services, where the profile measured the agent's CPU over that rate). Set here, once every service is read,
     * because that rate is every service's on the device.
     */
    private List<ServiceInstance> atMeasuredRates() {
        Map<String, Double> deviceRatePerSec = new java.util.HashMap<>();
        for (ServiceInstance i : instances) {
            deviceRatePerSec.merge(i.device(), i.arrivals().meanRatePerSec(), Double::sum);
        }
        List<ServiceInstance> out = new ArrayList<>();
        for (ServiceInstance i : instances) {
            Optional<ProfiledDevice> d = devices.measured(i.device());
            Optional<ServiceProfile> measured = d.flatMap(x -> x.service(i.service()));
            out.add(measured.isEmpty() ? i : new ServiceInstance(i.service(), i.device(), i.arrivals(),
                    i.serviceTime(), i.deadlineMs(), i.sloQuantile(), i.memoryMiB(), i.clientHopMs(),
                    d.get().twinCoresWhileServing(measured.get(), deviceRatePerSec.get(i.device())), i.coldStart()));
        }
        return out;
    }

    private void readService(Node node, String path) {
        Optional<YamlMap> entry = YamlMap.of(node, path, "a service mapping with keys " + String.join(", ", KEYS), problems);
        if (entry.isEmpty()) {
            return;
        }
        YamlMap m = entry.get();
        m.allowOnly(KEYS);
        Optional<String> name = m.name("name");
        if (name.isPresent() && !serviceNames.add(name.get())) {
            problems.add(m.get("name").orElseThrow(), m.path("name"), "duplicate service name", name.get(),
                    "unique service names");
        }
        List<Placement> placements = placements(m);
        Optional<Arrivals> arrivals = ServiceDistributions.arrivals(m, traces, horizonSec, problems);
        if (name.isPresent() && arrivals.isPresent()) {
            arrivalsByService.put(name.get(), new Located(YamlNodes.line(m.keyNode("arrivals")), m.path("arrivals")));
        }
        boolean timeGiven = m.has("serviceTimeMs");
        Optional<ServiceDistributions.TimeSpec> time = calibratedFigures && !timeGiven
                ? Optional.of(new ServiceDistributions.TimeSpec(Optional.of(CALIBRATED_PLACEHOLDER), false))
                : ServiceDistributions.serviceTime(m, problems);
        Optional<String> servedModel = servedModel(m);
        if (name.isPresent() && servedModel.isPresent()) {
            testbed.put(name.get(), new TestbedSettings.Service(servedModel.get(), timeGiven));
        }
        OptionalDouble deadline = m.number("deadlineMs", Ranges.DURATION_MS);
        OptionalDouble quantile = m.number("sloQuantile", Bound.OPEN_UNIT, DEFAULT_SLO_QUANTILE);
        Optional<String> model = m.has("model") ? m.text("model", "a model id with catalog inference times")
                : Optional.of(DEFAULT_MODEL);
        OptionalDouble memoryMiB = m.number("memoryMiB", Ranges.MEMORY_MIB_OR_ZERO, 0);
        Optional<ColdStart> coldStart = coldStart(m);
        for (Placement placement : placements) {
            // Counted even when the service has other problems: the devices' memory is checked independently.
            memoryMiB.ifPresent(mib -> memory.claim(placement.device(), mib, m));
            Optional<ServiceTime> serviceTime = time.flatMap(t -> t.fromProfile()
                    ? name.flatMap(n -> fromProfile(placement, n))
                    : t.fromCatalog() ? model.flatMap(id -> fromCatalog(placement, id)) : t.fixed());
            // A device measured by a profile file adds its measured client hop to every latency (README: twin).
            double hopMs = devices.measured(placement.device()).map(ProfiledDevice::lcHopMs).orElse(0.0);
            if (name.isPresent() && arrivals.isPresent() && serviceTime.isPresent() && deadline.isPresent()
                    && quantile.isPresent() && memoryMiB.isPresent() && coldStart.isPresent()) {
                problems.build(placement.at(), placement.path(), () -> new ServiceInstance(name.get(),
                        placement.device(), arrivals.get(), serviceTime.get(), deadline.getAsDouble(),
                        quantile.getAsDouble(), memoryMiB.getAsDouble(), hopMs, 1.0, coldStart.get()))
                        .ifPresent(instances::add);
            }
        }
    }

    /**
     * The {@code coldStart: { extraMs: X, recoveryMs: T }} block ({@code recoveryMs} 0 when absent), {@link
     * ColdStart#NONE} without the block; empty when invalid (reported).
     */
    private Optional<ColdStart> coldStart(YamlMap m) {
        if (!m.has(TestbedSettings.COLD_START)) {
            return Optional.of(ColdStart.NONE);
        }
        Optional<YamlMap> block = m.map(TestbedSettings.COLD_START, "a mapping with keys extraMs (required) and recoveryMs, e.g. "
                + "{ extraMs: 1.0, recoveryMs: 3 }");
        if (block.isEmpty()) {
            return Optional.empty();
        }
        block.get().allowOnly(COLD_START_KEYS);
        OptionalDouble extraMs = block.get().number("extraMs", Ranges.LATENCY_MS);
        OptionalDouble recoveryMs = block.get().number("recoveryMs", Ranges.LATENCY_MS, 0);
        return extraMs.isPresent() && recoveryMs.isPresent()
                ? Optional.of(new ColdStart(extraMs.getAsDouble(), recoveryMs.getAsDouble())) : Optional.empty();
    }

    /** The {@code testbed: { model: M }} block's model, {@code base} when absent; empty when invalid (reported). */
    private Optional<String> servedModel(YamlMap m) {
        String expected = "one of " + String.join(", ", TestbedSettings.SERVICE_MODELS);
        Optional<YamlMap> block = m.map("testbed", "a mapping with key model (what the service serves under testbed),"
                + " e.g. { model: base }");
        if (block.isEmpty()) {
            return m.has("testbed") ? Optional.empty() : Optional.of(TestbedSettings.DEFAULT_SERVICE_MODEL);
        }
        block.get().allowOnly(TESTBED_KEYS);
        if (!block.get().has("model")) {
            return Optional.of(TestbedSettings.DEFAULT_SERVICE_MODEL);
        }
        Optional<String> model = block.get().text("model", expected);
        if (model.isPresent() && !TestbedSettings.SERVICE_MODELS.contains(model.get())) {
            problems.add(block.get().get("model").orElseThrow(), block.get().path("model"), "unknown testbed model",
                    model.get(), expected);
            return Optional.empty();
        }
        return model;
    }

    /** The known devices of the service's list; unknown and repeated names are reported. */
    private List<Placement> placements(YamlMap m) {
        String expected = "a non-empty list of device names (after count expansion), "
                + YamlNodes.oneOf(devices.typeByName().keySet());
        List<Node> items = m.list("devices", expected).orElse(List.of());
        List<Placement> placements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < items.size(); j++) {
            Node item = items.get(j);
            String path = YamlNodes.item(m.path("devices"), j);
            Optional<String> device = YamlNodes.text(item, path, expected, problems);
            if (device.isEmpty()) {
                continue;
            }
            if (!devices.typeByName().containsKey(device.get())) {
                if (devices.complete()) {
                    problems.add(item, path, "unknown device", device.get(), YamlNodes.oneOf(devices.typeByName().keySet()));
                }
            } else if (!seen.add(device.get())) {
                problems.add(item, path, "duplicate device in placement", device.get(), "each device at most once");
            } else {
                placements.add(new Placement(device.get(), item, path));
            }
        }
        return placements;
    }

    /** {@code serviceTimeMs: profile}: the family {@link ServiceProfile#serviceTime} picks for the measured figures. */
    private Optional<ServiceTime> fromProfile(Placement placement, String service) {
        Optional<ProfiledDevice> found = devices.measured(placement.device());
        if (found.isEmpty()) {
            // A device whose profile file is invalid has that reported already.
            if (devices.complete() && !devices.profiled().containsKey(placement.device())) {
                problems.add(placement.at(), placement.path(), "device has no profile file for serviceTimeMs: profile",
                        placement.device(), "a device with profile: { file: ... }, or an explicit serviceTimeMs");
            }
            return Optional.empty();
        }
        ProfiledDevice measured = found.get();
        Optional<ServiceProfile> figures = measured.service(service);
        if (figures.isEmpty()) {
            problems.add(placement.at(), placement.path(), "the profile file of device " + placement.device()
                    + " has no service " + service, placement.device(), "a profiled service, "
                    + YamlNodes.oneOf(measured.services().stream().map(ServiceProfile::name).toList()));
            return Optional.empty();
        }
        return Optional.of(measured.twinServiceTime(figures.get()));
    }

    /** {@code serviceTimeMs: catalog}: lognormal with the placed device type's inference mean and CV. */
    private Optional<ServiceTime> fromCatalog(Placement placement, String model) {
        String typeId = devices.typeByName().get(placement.device());
        if (typeId.isEmpty()) {
            problems.add(placement.at(), placement.path(), "device has no catalog type for serviceTimeMs: catalog",
                    placement.device(), "a device with a type, or an explicit serviceTimeMs distribution");
            return Optional.empty();
        }
        Optional<DeviceType> type = Catalog.get().type(typeId);
        if (type.isEmpty()) {
            return Optional.empty(); // the unknown type is reported at the device entry
        }
        Optional<Double> meanMs = type.get().inferenceMs(model);
        if (meanMs.isEmpty()) {
            problems.add(placement.at(), placement.path(), "type " + typeId + " of device " + placement.device()
                    + " has no catalog inference time for model " + model, placement.device(),
                    "a service model with an inferenceMs figure for this type, or an explicit serviceTimeMs distribution");
            return Optional.empty();
        }
        return problems.build(placement.at(), placement.path(),
                () -> new ServiceTime.Lognormal(meanMs.get(), type.get().inferenceCv()));
    }
}
