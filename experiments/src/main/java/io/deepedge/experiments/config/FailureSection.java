package io.deepedge.experiments.config;

import io.deepedge.models.Failure;
import io.deepedge.traces.AvailabilityTraceReader;
import io.deepedge.traces.TraceException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the optional {@code failures}: a list whose items are explicit {@code {device, atSec, downSec}} failures
 * or {@code {trace: FILE}} device availability traces (see the traces module), mixed freely; or a single mapping
 * {@code {trace: FILE}}. The result is ordered by time and then device name.
 */
final class FailureSection {
    static final List<String> KEYS = List.of("device", "atSec", "downSec");
    static final String TRACE = "trace";
    static final String EXPECTED = "a list of {device, atSec, downSec} or {trace: FILE} items, or a mapping {trace: FILE}";

    private final DeviceSection.Result devices;
    private final TraceFiles traces;
    private final Problems problems;
    private final List<Failure> failures = new ArrayList<>();

    private FailureSection(DeviceSection.Result devices, TraceFiles traces, Problems problems) {
        this.devices = devices;
        this.traces = traces;
        this.problems = problems;
    }

    static List<Failure> read(YamlMap top, DeviceSection.Result devices, TraceFiles traces, Problems problems) {
        FailureSection section = new FailureSection(devices, traces, problems);
        Optional<Node> node = top.get("failures");
        if (node.isPresent() && node.get() instanceof MappingNode) {
            // The mapping form holds one availability trace; an explicit failure goes in a list, as documented.
            YamlMap.of(node.get(), "failures", EXPECTED, problems).ifPresent(m -> {
                if (m.has(TRACE)) {
                    section.readTrace(m);
                } else {
                    problems.add(node.get(), "failures", "a mapping must have the key " + TRACE, YamlNodes.show(node.get()),
                            EXPECTED);
                }
            });
        } else {
            List<Node> items = node.flatMap(n -> YamlNodes.list(n, "failures", EXPECTED, problems)).orElse(List.of());
            for (int i = 0; i < items.size(); i++) {
                section.readItem(items.get(i), YamlNodes.item("failures", i));
            }
        }
        section.failures.sort(Comparator.comparingDouble(Failure::atSec).thenComparing(Failure::device));
        return section.failures;
    }

    private void readItem(Node node, String path) {
        Optional<YamlMap> entry = YamlMap.of(node, path, "a mapping with keys " + String.join(", ", KEYS)
                + ", or with the single key " + TRACE, problems);
        if (entry.isEmpty()) {
            return;
        }
        if (entry.get().has(TRACE)) {
            readTrace(entry.get());
        } else {
            readExplicit(entry.get()).ifPresent(failures::add);
        }
    }

    private Optional<Failure> readExplicit(YamlMap m) {
        List<String> allowed = new ArrayList<>(KEYS);
        allowed.add(TRACE);
        m.allowOnly(allowed);
        String validNames = YamlNodes.oneOf(devices.typeByName().keySet());
        Optional<String> device = m.require("device", "a device name, " + validNames)
                .flatMap(n -> YamlNodes.text(n, m.path("device"), validNames, problems));
        if (device.isPresent() && !devices.typeByName().containsKey(device.get())) {
            if (devices.complete()) {
                problems.add(m.get("device").orElseThrow(), m.path("device"), "unknown device", device.get(), validNames);
            }
            device = Optional.empty();
        }
        OptionalDouble atSec = m.number("atSec", Ranges.TIME_SEC);
        // An omitted downSec means the device never comes back.
        OptionalDouble downSec = m.has("downSec") ? m.number("downSec", Ranges.DURATION_SEC) : OptionalDouble.of(Double.POSITIVE_INFINITY);
        if (device.isEmpty() || atSec.isEmpty() || downSec.isEmpty()) {
            return Optional.empty();
        }
        String name = device.get();
        return problems.build(m.node(), m.path(), () -> new Failure(name, atSec.getAsDouble(), downSec.getAsDouble()));
    }

    /** An availability trace; its devices must exist, an unknown one is reported at its line of the trace. */
    private void readTrace(YamlMap m) {
        m.allowOnly(List.of(TRACE));
        Node at = m.get(TRACE).orElseThrow();
        String path = m.path(TRACE);
        Optional<String> written = YamlNodes.text(at, path, "an availability trace file path", problems);
        Optional<Path> file = written.flatMap(traces::resolve);
        if (written.isPresent() && file.isEmpty()) {
            problems.add(at, path, "trace file not found", written.get(), traces.searched());
        }
        if (file.isEmpty()) {
            return;
        }
        // Unknown devices are found by the reader, so they are reported in line order with the file's other problems.
        // With an incomplete device list an unknown name may follow from a problem reported already: not checked.
        Set<String> names = devices.typeByName().keySet();
        Predicate<String> known = devices.complete() ? names::contains : device -> true;
        String expected = YamlNodes.oneOf(names);
        String kind = "availability" + (devices.complete() ? " of " + String.join(",", names) : "");
        try {
            for (AvailabilityTraceReader.Entry e : traces.load(file.get(), kind,
                    f -> AvailabilityTraceReader.read(f, known, expected))) {
                failures.add(e.failure());
            }
        } catch (TraceException e) {
            e.problems().forEach(p -> problems.addExternal(at, path, p));
        }
    }
}
