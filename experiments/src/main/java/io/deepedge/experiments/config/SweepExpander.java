package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the optional {@code sweep} block and expands it into grid points: the cartesian product of the swept
 * values, first sweep key varying slowest.
 */
final class SweepExpander {
    /** Experiment-wide fields: a grid point is a variant of the scenario, not of the experiment. */
    static final List<String> UNSWEEPABLE = List.of("name", "seed", "replications", "policies", "sweep");
    /** Each point is validated and becomes runs for every policy and replication; beyond this it is a mistake. */
    static final long MAX_POINTS = 10_000;

    /**
     * One swept path.
     *
     * @param path the dotted path as written
     * @param target the scalar it replaces
     * @param values the values, in file order
     */
    record Axis(String path, ScalarNode target, List<ScalarNode> values) {
    }

    private SweepExpander() {
    }

    /** The axes ({@code []} without a sweep), or empty when the sweep block has problems (all recorded). */
    static Optional<List<Axis>> read(YamlMap top, Problems problems) {
        if (!top.has("sweep")) {
            return Optional.of(List.of());
        }
        int before = problems.count();
        Optional<YamlMap> sweep = top.map("sweep", "a mapping from paths to lists of values");
        if (sweep.isEmpty()) {
            return Optional.empty();
        }
        List<Axis> axes = new ArrayList<>();
        Map<Node, String> claimed = new IdentityHashMap<>();
        for (String path : sweep.get().keys()) {
            axis(sweep.get(), path, top.node(), problems).ifPresent(axis -> {
                String other = claimed.putIfAbsent(axis.target(), path);
                if (other != null) {
                    problems.add(sweep.get().keyNode(path), sweep.get().path(path),
                            "addresses the same value as sweep key " + other, path, "each value swept once");
                }
                axes.add(axis);
            });
        }
        checkSize(sweep.get(), axes, problems);
        return problems.count() == before ? Optional.of(axes) : Optional.empty();
    }

    private static Optional<Axis> axis(YamlMap sweep, String path, Node root, Problems problems) {
        Node keyNode = sweep.keyNode(path);
        String at = sweep.path(path);
        if (UNSWEEPABLE.contains(path.split("\\.", -1)[0])) {
            problems.add(keyNode, at, "cannot be swept", path,
                    "a path into horizonSec, devices, network, services, training, failures or monitoring");
            return Optional.empty();
        }
        NodeTrees.Resolution resolved = NodeTrees.resolve(root, path);
        if (resolved.target().isEmpty()) {
            problems.add(keyNode, at, resolved.what(), resolved.value(), resolved.expected());
        }
        Optional<List<ScalarNode>> values = values(sweep, path, problems);
        if (resolved.target().isEmpty() || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Axis(path, resolved.target().get(), values.get()));
    }

    private static Optional<List<ScalarNode>> values(YamlMap sweep, String path, Problems problems) {
        String expected = "a non-empty list of single values, e.g. [2, 5, 10]";
        Optional<List<Node>> items = sweep.list(path, expected);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<ScalarNode> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String itemPath = YamlNodes.item(sweep.path(path), i);
            if (!(item instanceof ScalarNode scalar)) {
                problems.add(item, itemPath, "must be a single value", YamlNodes.show(item), expected);
            } else if (!seen.add(scalar.getValue())) {
                problems.add(item, itemPath, "duplicate sweep value", YamlNodes.show(item), "each value at most once");
            } else {
                values.add(scalar);
            }
        }
        return values.size() == items.get().size() ? Optional.of(values) : Optional.empty();
    }

    private static void checkSize(YamlMap sweep, List<Axis> axes, Problems problems) {
        long size = 1;
        for (Axis axis : axes) {
            size = Math.min(size * axis.values().size(), MAX_POINTS + 1);
        }
        if (size > MAX_POINTS) {
            problems.add(sweep.node(), sweep.path(), "has too many grid points", "more than " + MAX_POINTS,
                    "at most " + MAX_POINTS + " points (the product of the value counts)");
        }
    }

    /** Every grid point: the first axis varies slowest, as a nested loop in file order would. */
    static List<SweepPoint> grid(List<Axis> axes) {
        List<SweepPoint> points = List.of(SweepPoint.NONE);
        for (Axis axis : axes) {
            List<SweepPoint> next = new ArrayList<>();
            for (SweepPoint point : points) {
                for (ScalarNode value : axis.values()) {
                    next.add(point.with(axis.path(), axis.target(), value, value.getValue()));
                }
            }
            points = next;
        }
        return points;
    }
}
