package io.deepedge.experiments.config;

import io.deepedge.policies.PolicyRegistry;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Reads the experiment-wide fields that a sweep cannot vary: name, seed, replications, horizon and policies. */
final class HeaderSection {
    static final List<String> TOP_KEYS = List.of("name", "seed", "replications", "horizonSec", "devices", "network",
            "services", "training", "failures", "reliability", "monitoring", "metrics", "policies", "sweep");
    /** A guard against a typo in the exponent, not a statistical limit. */
    static final long MAX_REPLICATIONS = 10_000;

    /**
     * The validated experiment-wide fields.
     *
     * @param name names the output directory
     * @param seed master seed
     * @param replications runs per policy and grid point
     * @param horizonSec the horizon written at the top level (a sweep may vary it per grid point)
     * @param policies registered policy ids, in file order
     */
    record Header(String name, long seed, int replications, double horizonSec, List<String> policies) {
    }

    private HeaderSection() {
    }

    /** The header, or empty when any of its fields is invalid (all problems recorded). */
    static Optional<Header> read(YamlMap top, Problems problems) {
        top.allowOnly(TOP_KEYS);
        Optional<String> name = top.name("name");
        OptionalLong seed = top.integer("seed", LongRange.ANY);
        OptionalLong replications = top.integer("replications", new LongRange(1, MAX_REPLICATIONS));
        OptionalDouble horizonSec = top.number("horizonSec", Ranges.DURATION_SEC);
        Optional<List<String>> policies = policies(top, problems);
        if (name.isEmpty() || seed.isEmpty() || replications.isEmpty() || horizonSec.isEmpty() || policies.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Header(name.get(), seed.getAsLong(), (int) replications.getAsLong(),
                horizonSec.getAsDouble(), policies.get()));
    }

    /**
     * Checks a {@code --policies} list like the config's own: every id registered, none twice, at least one.
     * Problems are {@code --policies} problems; the list is used as typed either way (the device limits of
     * {@link PolicyLimits} apply to the ids that will run).
     */
    static void checkOverride(List<String> ids, Problems problems) {
        String valid = YamlNodes.oneOf(PolicyRegistry.ids());
        if (ids.isEmpty()) {
            problems.addOption("--policies", "lists no policy", "\"\"", "a comma-separated list, each " + valid);
        }
        List<String> seen = new ArrayList<>();
        for (String id : ids) {
            String shown = id.isEmpty() ? "\"\"" : id;
            if (!PolicyRegistry.ids().contains(id)) {
                problems.addOption("--policies", "unknown policy", shown, valid);
            } else if (seen.contains(id)) {
                problems.addOption("--policies", "duplicate policy", shown, "each policy at most once");
            }
            seen.add(id);
        }
    }

    private static Optional<List<String>> policies(YamlMap top, Problems problems) {
        String valid = YamlNodes.oneOf(PolicyRegistry.ids());
        Optional<List<Node>> items = top.list("policies", "a non-empty list of policy ids, each " + valid);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String path = YamlNodes.item("policies", i);
            Optional<String> id = YamlNodes.text(item, path, valid, problems);
            if (id.isPresent() && !PolicyRegistry.ids().contains(id.get())) {
                problems.add(item, path, "unknown policy", id.get(), valid);
                id = Optional.empty();
            } else if (id.isPresent() && ids.contains(id.get())) {
                problems.add(item, path, "duplicate policy", id.get(), "each policy at most once");
                id = Optional.empty();
            }
            id.ifPresent(ids::add);
            ok &= id.isPresent();
        }
        return ok ? Optional.of(List.copyOf(ids)) : Optional.empty();
    }
}
