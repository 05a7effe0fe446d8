package io.deepedge.experiments.config;

import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Link;
import io.deepedge.models.Reliability;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.DeviceType;
import io.deepedge.models.profile.ProfiledDevice;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads the {@code devices} list: expands counts into named devices and resolves catalog types and inline profiles. */
final class DeviceSection {
    static final List<String> KEYS = List.of("name", "type", "count", "profile", "network", "reliability", "testbed");
    static final List<String> TESTBED_KEYS = List.of("cpus");
    /** A guard against typos like 10000000 that would build millions of devices, not a modelling limit. */
    static final long MAX_COUNT = 10_000;

    /**
     * The devices and what services and failures need to check references against them.
     *
     * @param devices the valid devices, in name order
     * @param typeByName every expanded device name to its type as written ({@code ""} when untyped)
     * @param complete whether every entry's names are known; if not, an unknown reference may be a follow-up
     *                 of a problem already reported, so it is not reported again
     * @param testbed the hardware runner's per-device settings ({@code testbed} blocks)
     * @param profiled every expanded device name whose entry names a profile file, to its figures there (empty
     *                 when the file or the reference is invalid, which is reported)
     */
    record Result(List<Device> devices, SortedMap<String, String> typeByName, boolean complete,
                  TestbedSettings testbed, SortedMap<String, Optional<ProfiledDevice>> profiled) {
        /** The profile-file figures of a device, if its entry names a valid one. */
        Optional<ProfiledDevice> measured(String device) {
            return profiled.getOrDefault(device, Optional.empty());
        }
    }

    private final Problems problems;
    private final Link network;
    private final TrainingSection.Result training;
    private final ProfileReader profiles;
    private final ReliabilitySection reliability;
    private final List<Device> devices = new ArrayList<>();
    private final SortedMap<String, String> typeByName = new TreeMap<>();
    /** Which entry claimed an expanded name first, for collision messages; only looked up, never iterated. */
    private final Map<String, String> ownerByName = new HashMap<>();
    /** Entry names as written: sweep paths address entries by them, so they must be unique too. */
    private final Set<String> entryNames = new HashSet<>();
    private final SortedMap<String, Double> testbedCpus = new TreeMap<>();
    private final SortedMap<String, Optional<ProfiledDevice>> profiled = new TreeMap<>();
    private final SortedMap<String, Set<String>> givenFigures = new TreeMap<>();
    private boolean complete = true;

    private DeviceSection(Problems problems, Link network, TrainingSection.Result training,
                          ReliabilitySection reliability, TraceFiles files, boolean calibratedFigures) {
        this.problems = problems;
        this.network = network;
        this.training = training;
        this.profiles = new ProfileReader(problems, training, files, calibratedFigures);
        this.reliability = reliability;
    }

    /**
     * @param reliability the top-level {@code reliability} map, for entries without their own block
     * @param files resolves and reads the profile files entries name
     * @param calibratedFigures whether a throughput the testbed calibrates may be omitted (see {@link RunOptions})
     */
    static Result read(YamlMap top, Link network, TrainingSection.Result training, ReliabilitySection reliability,
                       TraceFiles files, boolean calibratedFigures, Problems problems) {
        DeviceSection section = new DeviceSection(problems, network, training, reliability, files,
                calibratedFigures);
        Optional<List<Node>> items = top.list("devices",
                "a non-empty list of devices, each with a name and a type and/or a profile");
        if (items.isEmpty()) {
            return new Result(List.of(), new TreeMap<>(), false, TestbedSettings.none(), new TreeMap<>());
        }
        for (int i = 0; i < items.get().size(); i++) {
            section.readEntry(items.get().get(i), YamlNodes.item("devices", i));
        }
        if (section.typeByName.size() > Ranges.MAX_DEVICES) {
            problems.add(top.keyNode("devices"), "devices", "has too many devices after count expansion",
                    Integer.toString(section.typeByName.size()), "at most " + Ranges.MAX_DEVICES + " devices");
        }
        section.devices.sort(Comparator.comparing(Device::name));
        return new Result(section.devices, section.typeByName, section.complete,
                new TestbedSettings(section.testbedCpus, section.givenFigures, new TreeMap<>()), section.profiled);
    }

    private void readEntry(Node node, String path) {
        Optional<YamlMap> entry = YamlMap.of(node, path, "a device mapping with keys " + String.join(", ", KEYS), problems);
        if (entry.isEmpty()) {
            complete = false;
            return;
        }
        YamlMap m = entry.get();
        m.allowOnly(KEYS);
        Optional<String> name = m.name("name");
        Optional<DeviceType> type = type(m);
        OptionalLong count = m.integer("count", new LongRange(1, MAX_COUNT), 1);
        if (!m.has("type") && !m.has("profile")) {
            problems.add(m.node(), path, "needs a type or a profile", null,
                    "type: <catalog id> and/or profile: {trainSamplesPerSec, memoryMiB}");
        }
        Optional<ProfiledDevice> measured = ProfileReader.fromFile(m) ? profiles.readFile(m) : Optional.empty();
        // Built at no LC load here; the scenario reader sets each device's load once the services are read.
        Optional<DeviceProfile> profile = ProfileReader.fromFile(m)
                ? measured.flatMap(d -> training.memory().flatMap(mem -> problems.build(m.node(), m.path("profile"),
                        () -> d.deviceProfile(0, mem))))
                : profiles.read(m, type);
        Optional<Link> link = NetworkSection.read(m, network, problems);
        Optional<Reliability> reliability = this.reliability.forEntry(m, type);
        OptionalDouble cpus = testbedCpus(m);
        if (name.isEmpty() || count.isEmpty()) {
            complete = false;
            return;
        }
        List<String> names = expand(name.get(), count.getAsLong());
        if (cpus.isPresent()) {
            names.forEach(n -> testbedCpus.put(n, cpus.getAsDouble()));
        }
        if (ProfileReader.fromFile(m)) {
            names.forEach(n -> profiled.put(n, measured));
        }
        Set<String> given = givenFigures(m);
        if (!given.isEmpty()) {
            names.forEach(n -> givenFigures.put(n, given));
        }
        complete &= register(m, name.get(), names, m.get("type").map(YamlNodes::show).orElse(""));
        if (profile.isPresent() && link.isPresent() && reliability.isPresent() && (type.isPresent() || !m.has("type"))) {
            String typeId = type.map(DeviceType::id).orElse("");
            for (String deviceName : names) {
                problems.build(m.node(), path, () -> new Device(deviceName, typeId, profile.get(), link.get(),
                        reliability.get())).ifPresent(devices::add);
            }
        }
    }

    /**
     * The planning figures the entry writes: {@code profile.trainSamplesPerSec}, {@code profile.interference}'s
     * slowdowns, and {@code profile.batches} (a batch profile gives the throughput and the service slowdown). A
     * catalog type's figures describe the type's hardware, not the testbed's agents, so they do not count; a
     * profile file's figures do (they were measured on the agents).
     */
    private static Set<String> givenFigures(YamlMap m) {
        Set<String> given = new TreeSet<>();
        if (ProfileReader.fromFile(m)) {
            // a profile file holds every device figure, measured on the agents: nothing left to calibrate
            given.addAll(List.of(TestbedSettings.TRAIN_SAMPLES_PER_SEC, TestbedSettings.SERVICE_SLOWDOWN,
                    TestbedSettings.TRAINING_SLOWDOWN));
            return given;
        }
        Optional<Node> profile = m.get("profile");
        if (profile.isEmpty() || !(profile.get() instanceof MappingNode p)) {
            return given;
        }
        Set<String> keys = keys(p);
        if (keys.contains("trainSamplesPerSec") || keys.contains("batches")) {
            given.add(TestbedSettings.TRAIN_SAMPLES_PER_SEC);
        }
        if (keys.contains("batches")) {
            given.add(TestbedSettings.SERVICE_SLOWDOWN);
        }
        p.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode k
                        && k.getValue().equals("interference")
                        && t.getValueNode() instanceof MappingNode)
                .forEach(t -> {
                    Set<String> slowdowns = keys((MappingNode) t.getValueNode());
                    if (slowdowns.contains("serviceSlowdown")) {
                        given.add(TestbedSettings.SERVICE_SLOWDOWN);
                    }
                    if (slowdowns.contains("trainingSlowdown")) {
                        given.add(TestbedSettings.TRAINING_SLOWDOWN);
                    }
                });
        return given;
    }

    private static Set<String> keys(MappingNode node) {
        Set<String> keys = new HashSet<>();
        node.getValue().forEach(t -> {
            if (t.getKeyNode() instanceof ScalarNode k) {
                keys.add(k.getValue());
            }
        });
        return keys;
    }

    /** The {@code testbed: { cpus: X }} block's quota, or empty when absent or invalid (reported). */
    private static OptionalDouble testbedCpus(YamlMap m) {
        Optional<YamlMap> block = m.map("testbed", "a mapping with key cpus (the agent's CPU quota in cores for "
                + "testbed --local), e.g. { cpus: 0.5 }");
        if (block.isEmpty()) {
            return OptionalDouble.empty();
        }
        block.get().allowOnly(TESTBED_KEYS);
        return block.get().number("cpus", Ranges.TESTBED_CPUS);
    }

    /** The catalog type, or empty when absent or unknown (unknown is reported with the valid ids). */
    private Optional<DeviceType> type(YamlMap m) {
        List<String> ids = Catalog.get().types().stream().map(DeviceType::id).toList();
        Optional<String> id = m.text("type", YamlNodes.oneOf(ids));
        Optional<DeviceType> type = id.flatMap(Catalog.get()::type);
        if (id.isPresent() && type.isEmpty()) {
            problems.add(m.get("type").orElseThrow(), m.path("type"), "unknown device type", id.get(), YamlNodes.oneOf(ids));
        }
        return type;
    }

    /** CONTRACTS.md: count 1 keeps the name; count n > 1 numbers the devices name-1 .. name-n. */
    static List<String> expand(String name, long count) {
        if (count == 1) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (long k = 1; k <= count; k++) {
            names.add(name + "-" + k);
        }
        return names;
    }

    /**
     * Claims the expanded names; a name another entry already produced is reported once per entry.
     *
     * @return whether all names were claimed
     */
    private boolean register(YamlMap m, String entryName, List<String> names, String typeAsWritten) {
        Node at = m.get("name").orElseThrow();
        if (!entryNames.add(entryName)) {
            problems.add(at, m.path("name"), "duplicate device name", entryName, "unique device names");
            return false;
        }
        for (String name : names) {
            String owner = ownerByName.putIfAbsent(name, m.path());
            if (owner != null) {
                String what = names.size() == 1 ? "duplicate device name, already used by " + owner
                        : "expands to " + name + ", already used by " + owner;
                problems.add(at, m.path("name"), what, YamlNodes.show(at),
                        "device names that stay unique after count expansion (count n > 1 names NAME-1 .. NAME-n)");
                return false;
            }
            typeByName.put(name, typeAsWritten);
        }
        return true;
    }
}
