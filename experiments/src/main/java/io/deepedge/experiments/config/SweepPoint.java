package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.Node;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of the sweep grid before validation: the values as written and the node substitutions that apply them.
 *
 * @param values swept path to value text, in sweep order
 * @param replacements original scalar node to the sweep value node that replaces it, by identity
 */
record SweepPoint(Map<String, String> values, Map<Node, Node> replacements) {
    /** The single point of a config without a sweep. */
    static final SweepPoint NONE = new SweepPoint(new LinkedHashMap<>(), new IdentityHashMap<>());

    SweepPoint {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<Node, Node> byIdentity = new IdentityHashMap<>(replacements);
        replacements = Collections.unmodifiableMap(byIdentity);
    }

    SweepPoint with(String path, Node target, Node value, String text) {
        Map<String, String> nextValues = new LinkedHashMap<>(values);
        nextValues.put(path, text);
        Map<Node, Node> nextReplacements = new IdentityHashMap<>(replacements);
        nextReplacements.put(target, value);
        return new SweepPoint(nextValues, nextReplacements);
    }

    /** The suffix that tells a user which grid point a problem belongs to. */
    String label() {
        return " [at sweep point " + coordinates() + "]";
    }

    /** {@code path=value, ...} in sweep order. */
    String coordinates() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + ProblemText.shorten(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
