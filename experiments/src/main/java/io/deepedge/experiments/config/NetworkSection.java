package io.deepedge.experiments.config;

import io.deepedge.models.Link;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads a {@code network} block (top level or a device's override) into a {@link Link}, field by field over a fallback. */
final class NetworkSection {
    static final List<String> KEYS = List.of("bandwidthMbps", "latencyMs");
    static final String EXPECTED = "a mapping with optional bandwidthMbps and latencyMs";
    /** CONTRACTS.md defaults: a gigabit link with 1 ms one-way latency. */
    static final Link DEFAULT = new Link(1000, 1);

    private NetworkSection() {
    }

    /**
     * The link of {@code block} where given, {@code fallback}'s fields elsewhere; {@code fallback} itself when
     * the block is absent; empty when the block is invalid (the problems are recorded).
     */
    static Optional<Link> read(YamlMap parent, Link fallback, Problems problems) {
        if (!parent.has("network")) {
            return Optional.of(fallback);
        }
        Optional<YamlMap> block = parent.map("network", EXPECTED);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = block.get();
        m.allowOnly(KEYS);
        OptionalDouble bandwidth = m.number("bandwidthMbps", Ranges.BANDWIDTH_MBPS, fallback.bandwidthMbps());
        OptionalDouble latency = m.number("latencyMs", Ranges.LATENCY_MS, fallback.latencyMs());
        if (bandwidth.isEmpty() || latency.isEmpty()) {
            return Optional.empty();
        }
        return problems.build(m.node(), m.path(), () -> new Link(bandwidth.getAsDouble(), latency.getAsDouble()));
    }
}
