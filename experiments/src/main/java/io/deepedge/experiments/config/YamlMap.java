package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A YAML mapping at a known path, read field by field: duplicate and unknown keys, missing required fields
 * and wrong values are reported to the shared {@link Problems} rather than thrown.
 */
final class YamlMap {
    private final MappingNode node;
    /** Where problems about the mapping as a whole go: the line of its key when it has one (the line users look for). */
    private final int line;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(MappingNode node, int line, String path, Problems problems) {
        this.node = node;
        this.line = line;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            index(tuple);
        }
    }

    /** The mapping at {@code path}, or a problem naming {@code expected} when the node is not a mapping. */
    static Optional<YamlMap> of(Node node, String path, String expected, Problems problems) {
        return of(node, YamlNodes.line(node), path, expected, problems);
    }

    private static Optional<YamlMap> of(Node node, int line, String path, String expected, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, line, path, problems));
        }
        problems.add(node, path, "must be a mapping", YamlNodes.show(node), expected);
        return Optional.empty();
    }

    /** Keeps the first occurrence of each key: SnakeYAML's composer keeps duplicates, so they are caught here. */
    private void index(NodeTuple tuple) {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode scalar)) {
            problems.add(key, path, "has a key that is not text", YamlNodes.show(key), "plain keys such as name");
            return;
        }
        if (entries.containsKey(scalar.getValue())) {
            problems.add(key, path(scalar.getValue()), "duplicate key", scalar.getValue(), "each key at most once");
            return;
        }
        entries.put(scalar.getValue(), tuple);
    }

    MappingNode node() {
        return node;
    }

    /** The line of the key that holds this mapping, else of its first entry. */
    int line() {
        return line;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return YamlNodes.child(path, key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    /** The key node of a present key, for problems about the key itself. */
    Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    /**
     * Which one of mutually exclusive keys (e.g. {@code poisson} or {@code trace}) this mapping has; empty,
     * with a problem, when it has none or several. Other keys are reported as unknown.
     */
    Optional<String> variant(List<String> variants) {
        allowOnly(variants);
        List<String> given = keys().stream().filter(variants::contains).toList();
        String expected = "exactly one of " + String.join(", ", variants);
        if (given.size() > 1) {
            problems.add(keyNode(given.get(1)), path, "has more than one of " + String.join(", ", variants),
                    String.join(", ", given), expected);
        } else if (given.isEmpty() && entries.isEmpty()) {
            problems.add(line, path, "is empty", "{}", expected);
        }
        return given.size() == 1 ? Optional.of(given.get(0)) : Optional.empty();
    }

    /** Keys in file order, duplicates dropped. */
    List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    /** Reports every key not in {@code allowed}, listing the allowed ones. */
    void allowOnly(List<String> allowed) {
        entries.forEach((key, tuple) -> {
            if (!allowed.contains(key)) {
                problems.add(tuple.getKeyNode(), path(key), "unknown key", key, YamlNodes.oneOf(allowed));
            }
        });
    }

    /** The node of a required field, or a problem at this mapping's line. */
    Optional<Node> require(String key, String expected) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            problems.missing(line, path(key), expected);
        }
        return value;
    }

    OptionalDouble number(String key, Bound bound) {
        Optional<Node> value = require(key, bound.expected());
        return value.isEmpty() ? OptionalDouble.empty() : YamlNodes.number(value.get(), path(key), bound, problems);
    }

    /** An optional number: {@code fallback} when absent, empty when present but invalid. */
    OptionalDouble number(String key, Bound bound, double fallback) {
        Optional<Node> value = get(key);
        return value.isEmpty() ? OptionalDouble.of(fallback) : YamlNodes.number(value.get(), path(key), bound, problems);
    }

    OptionalLong integer(String key, LongRange range) {
        Optional<Node> value = require(key, range.expected());
        return value.isEmpty() ? OptionalLong.empty() : YamlNodes.integer(value.get(), path(key), range, problems);
    }

    /** An optional integer: {@code fallback} when absent, empty when present but invalid. */
    OptionalLong integer(String key, LongRange range, long fallback) {
        Optional<Node> value = get(key);
        return value.isEmpty() ? OptionalLong.of(fallback) : YamlNodes.integer(value.get(), path(key), range, problems);
    }

    /** An optional boolean: {@code fallback} when absent, empty when present but invalid. */
    Optional<Boolean> bool(String key, boolean fallback) {
        Optional<Node> value = get(key);
        return value.isEmpty() ? Optional.of(fallback) : YamlNodes.bool(value.get(), path(key), problems);
    }

    /** Optional text: empty both when absent and when invalid (check {@link #has} to tell them apart). */
    Optional<String> text(String key, String expected) {
        Optional<Node> value = get(key);
        return value.isEmpty() ? Optional.empty() : YamlNodes.text(value.get(), path(key), expected, problems);
    }

    /** A required name following {@link Names}' rule. */
    Optional<String> name(String key) {
        Optional<Node> value = require(key, Names.EXPECTED);
        return value.isEmpty() ? Optional.empty() : YamlNodes.name(value.get(), path(key), problems);
    }

    /** An optional nested mapping: empty both when absent and when not a mapping. */
    Optional<YamlMap> map(String key, String expected) {
        Optional<Node> value = get(key);
        return value.isEmpty() ? Optional.empty()
                : YamlMap.of(value.get(), YamlNodes.line(keyNode(key)), path(key), expected, problems);
    }

    /** A required non-empty list. */
    Optional<List<Node>> list(String key, String expected) {
        Optional<Node> value = require(key, expected);
        Optional<List<Node>> items = value.flatMap(v -> YamlNodes.list(v, path(key), expected, problems));
        if (items.isPresent() && items.get().isEmpty()) {
            problems.add(value.get(), path(key), "must not be empty", "[]", expected);
            return Optional.empty();
        }
        return items;
    }
}
