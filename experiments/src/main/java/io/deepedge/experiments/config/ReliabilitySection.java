package io.deepedge.experiments.config;

import io.deepedge.models.Reliability;
import io.deepedge.models.catalog.Catalog;
import io.deepedge.models.catalog.DeviceType;
import org.yaml.snakeyaml.nodes.Node;

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

    private final Map<String, Reliability> byType = new HashMap<>();
    private final OptionalDouble horizonSec;
    private final Problems problems;

    private ReliabilitySection(OptionalDouble horizonSec, Problems problems) {
        this.horizonSec = horizonSec;
        this.problems = problems;
    }

    /**
     * Reads the top-level {@code reliability} map by catalog type id; unknown ids and invalid blocks are reported
     * and left out (the scenario is not built then, so nothing runs without them).
     *
     * @param horizonSec the run's length, to bound the failures a block makes; empty when invalid (reported)
     */
    static ReliabilitySection read(YamlMap top, OptionalDouble horizonSec, Problems problems) {
        ReliabilitySection section = new ReliabilitySection(horizonSec, problems);
        Optional<YamlMap> map = top.map(KEY, "a mapping from device type ids to {mtbfSec, mttrSec}");
        if (map.isEmpty()) {
            return section;
        }
        List<String> ids = Catalog.get().types().stream().map(DeviceType::id).toList();
        for (String id : map.get().keys()) {
            if (!ids.contains(id)) {
                problems.add(map.get().keyNode(id), map.get().path(id), "unknown device type", id, YamlNodes.oneOf(ids));
                continue;
            }
            map.get().map(id, EXPECTED).flatMap(section::read).ifPresent(r -> section.byType.put(id, r));
        }
        return section;
    }

    /** A device entry's reliability; empty when its own block is invalid (reported). */
    Optional<Reliability> forEntry(YamlMap entry, Optional<DeviceType> type) {
        if (entry.has(KEY)) {
            return entry.map(KEY, EXPECTED).flatMap(this::read);
        }
        return Optional.of(type.map(t -> byType.get(t.id())).orElse(Reliability.NEVER_FAILS));
    }

    private Optional<Reliability> read(YamlMap block) {
        block.allowOnly(KEYS);
        OptionalDouble mtbf = block.number("mtbfSec", Ranges.DURATION_SEC);
        OptionalDouble mttr = block.number("mttrSec", Ranges.DURATION_SEC);
        if (mtbf.isEmpty() || mttr.isEmpty() || !failuresFit(block, mtbf.getAsDouble() + mttr.getAsDouble())) {
            return Optional.empty();
        }
        return problems.build(block.node(), block.path(), () -> new Reliability(mtbf.getAsDouble(), mttr.getAsDouble()));
    }

    /** A device fails about horizonSec / (mtbfSec + mttrSec) times a run, and every failure re-plans the job. */
    private boolean failuresFit(YamlMap block, double cycleSec) {
        if (horizonSec.isEmpty() || horizonSec.getAsDouble() / cycleSec <= Ranges.MAX_FAILURES_PER_DEVICE) {
            return true;
        }
        Node at = block.get("mtbfSec").orElseThrow();
        String minimum = YamlNodes.format(horizonSec.getAsDouble() / Ranges.MAX_FAILURES_PER_DEVICE);
        problems.add(at, block.path("mtbfSec"), "makes each device fail about "
                + YamlNodes.format(Math.round(horizonSec.getAsDouble() / cycleSec)) + " times in horizonSec = "
                + YamlNodes.format(horizonSec.getAsDouble()), YamlNodes.show(at), "at most "
                + YamlNodes.format(Ranges.MAX_FAILURES_PER_DEVICE) + " failures a device and run: mtbfSec + mttrSec >= "
                + minimum);
        return false;
    }
}
