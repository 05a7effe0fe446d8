package io.deepedge.experiments.config;

import io.deepedge.models.Reliability;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.DeviceType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Stochastic failures: a device entry's {@code reliability: {mtbfSec, mttrSec}}, else the top-level
 * {@code reliability} map's block for the entry's catalog type, else {@link Reliability#NEVER_FAILS}.
 */
final class ReliabilitySection {
    static final List<String> KEYS = List.of("mtbfSec", "mttrSec");
    static final String KEY = "reliability";
    private static final String EXPECTED = "a mapping with keys mtbfSec and mttrSec (seconds, > 0)";

    private ReliabilitySection() {
    }

    /**
     * The top-level {@code reliability} map by catalog type id; unknown ids and invalid blocks are reported and
     * left out (the scenario is not built then, so nothing runs without them).
     */
    static Map<String, Reliability> byType(YamlMap top, Problems problems) {
        Map<String, Reliability> byType = new HashMap<>();
        Optional<YamlMap> map = top.map(KEY, "a mapping from device type ids to {mtbfSec, mttrSec}");
        if (map.isEmpty()) {
            return byType;
        }
        List<String> ids = Catalog.get().types().stream().map(DeviceType::id).toList();
        for (String id : map.get().keys()) {
            if (!ids.contains(id)) {
                problems.add(map.get().keyNode(id), map.get().path(id), "unknown device type", id, YamlNodes.oneOf(ids));
                continue;
            }
            map.get().map(id, EXPECTED).flatMap(block -> read(block, problems)).ifPresent(r -> byType.put(id, r));
        }
        return byType;
    }

    /** A device entry's reliability; empty when its own block is invalid (reported). */
    static Optional<Reliability> forEntry(YamlMap entry, Optional<DeviceType> type, Map<String, Reliability> byType,
                                          Problems problems) {
        if (entry.has(KEY)) {
            return entry.map(KEY, EXPECTED).flatMap(block -> read(block, problems));
        }
        return Optional.of(type.map(t -> byType.get(t.id())).orElse(Reliability.NEVER_FAILS));
    }

    private static Optional<Reliability> read(YamlMap block, Problems problems) {
        block.allowOnly(KEYS);
        OptionalDouble mtbf = block.number("mtbfSec", Bound.POSITIVE);
        OptionalDouble mttr = block.number("mttrSec", Bound.POSITIVE);
        if (mtbf.isEmpty() || mttr.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(block.node(), block.path(), () -> new Reliability(mtbf.getAsDouble(), mttr.getAsDouble()));
    }
}
