package io.deepedge.experiments.config;

import io.deepedge.models.Failure;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the optional {@code failures} list, ordered by time and then device name. */
final class FailureSection {
    static final List<String> KEYS = List.of("device", "atSec", "downSec");

    private FailureSection() {
    }

    static List<Failure> read(YamlMap top, DeviceSection.Result devices, Problems problems) {
        Optional<List<Node>> items = top.get("failures")
                .flatMap(n -> YamlNodes.list(n, "failures", "a list of {device, atSec, downSec}", problems));
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < items.map(List::size).orElse(0); i++) {
            read(items.get().get(i), YamlNodes.item("failures", i), devices, problems).ifPresent(failures::add);
        }
        failures.sort(Comparator.comparingDouble(Failure::atSec).thenComparing(Failure::device));
        return failures;
    }

    private static Optional<Failure> read(Node node, String path, DeviceSection.Result devices, Problems problems) {
        Optional<YamlMap> entry = YamlMap.of(node, path, "a mapping with keys " + String.join(", ", KEYS), problems);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = entry.get();
        m.allowOnly(KEYS);
        String validNames = YamlNodes.oneOf(devices.typeByName().keySet());
        Optional<String> device = m.require("device", "a device name, " + validNames)
                .flatMap(n -> YamlNodes.text(n, m.path("device"), validNames, problems));
        if (device.isPresent() && !devices.typeByName().containsKey(device.get())) {
            if (devices.complete()) {
                problems.add(m.get("device").orElseThrow(), m.path("device"), "unknown device", device.get(), validNames);
            }
            device = Optional.empty();
        }
        OptionalDouble atSec = m.number("atSec", Bound.NON_NEGATIVE);
        // An omitted downSec means the device never comes back.
        OptionalDouble downSec = m.has("downSec") ? m.number("downSec", Bound.POSITIVE) : OptionalDouble.of(Double.POSITIVE_INFINITY);
        if (device.isEmpty() || atSec.isEmpty() || downSec.isEmpty()) {
            return Optional.empty();
        }
        String name = device.get();
        return problems.build(m.node(), path, () -> new Failure(name, atSec.getAsDouble(), downSec.getAsDouble()));
    }
}
