package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Whole-tree operations for sweeps: resolving a dotted path to a scalar, and copying a tree with scalars replaced. */
final class NodeTrees {
    /**
     * The outcome of resolving a sweep path: the scalar it addresses, or why it addresses none.
     *
     * @param target the scalar, when resolved
     * @param what what is wrong, when not
     * @param value the offending path segment
     * @param expected what would have resolved
     */
    record Resolution(Optional<ScalarNode> target, String what, String value, String expected) {
        static Resolution found(ScalarNode node) {
            return new Resolution(Optional.of(node), "", "", "");
        }

        static Resolution failed(String what, String value, String expected) {
            return new Resolution(Optional.empty(), what, value, expected);
        }
    }

    private NodeTrees() {
    }

    /** Follows dotted keys through mappings; in lists, a segment picks the mapping item whose {@code name} it is. */
    static Resolution resolve(Node root, String path) {
        String[] segments = path.split("\\.", -1);
        Node current = root;
        String walked = "";
        boolean inListItem = false;
        boolean lastMappingIsItem = false;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Resolution.failed("does not resolve: empty segment", path, "keys separated by single dots");
            }
            String where = walked.isEmpty() ? "at the top level" : "in " + walked;
            Optional<Node> next;
            if (current instanceof MappingNode mapping) {
                next = value(mapping, segment);
                if (next.isEmpty()) {
                    return Resolution.failed("does not resolve: no key " + segment + " " + where, segment,
                            YamlNodes.oneOf(keys(mapping)));
                }
                lastMappingIsItem = inListItem;
                inListItem = false;
            } else if (current instanceof SequenceNode sequence) {
                next = named(sequence, segment);
                if (next.isEmpty()) {
                    List<String> names = names(sequence);
                    return Resolution.failed("does not resolve: no item named " + segment + " " + where, segment,
                            names.isEmpty() ? "a list whose items have names (those of " + walked + " have none)"
                                    : YamlNodes.oneOf(names) + " (list items are addressed by their name)");
                }
                inListItem = true;
            } else {
                return Resolution.failed("does not resolve: " + walked + " is a single value", segment,
                        "a path that ends at " + walked);
            }
            current = next.get();
            walked = YamlNodes.child(walked, segment);
        }
        return check(current, walked, lastMappingIsItem, segments[segments.length - 1]);
    }

    /** @param parentIsListItem whether the mapping holding the last key is a list item (addressed by its name) */
    private static Resolution check(Node target, String walked, boolean parentIsListItem, String last) {
        if (!(target instanceof ScalarNode scalar)) {
            return Resolution.failed("does not address a single value", YamlNodes.show(target),
                    "a path to a number or text, e.g. services.NAME.arrivals.poisson.ratePerSec");
        }
        if (parentIsListItem && last.equals("name")) {
            return Resolution.failed("cannot be swept: list items are addressed by their name", walked,
                    "a path to another field");
        }
        return Resolution.found(scalar);
    }

    /** A copy of {@code root} with each key of {@code replacements} (by identity) swapped for its value. */
    static Node copy(Node root, Map<Node, Node> replacements) {
        return copy(root, replacements, new IdentityHashMap<>());
    }

    /** {@code copies} keeps anchors shared and makes alias cycles terminate. Scalars are never mutated, so shared. */
    private static Node copy(Node node, Map<Node, Node> replacements, Map<Node, Node> copies) {
        Node replacement = replacements.get(node);
        if (replacement != null) {
            return replacement;
        }
        Node done = copies.get(node);
        if (done != null) {
            return done;
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            copies.put(node, new SequenceNode(node.getTag(), true, items, node.getStartMark(), node.getEndMark(),
                    sequence.getFlowStyle()));
            sequence.getValue().forEach(item -> items.add(copy(item, replacements, copies)));
        } else if (node instanceof MappingNode mapping) {
            List<NodeTuple> tuples = new ArrayList<>();
            copies.put(node, new MappingNode(node.getTag(), true, tuples, node.getStartMark(), node.getEndMark(),
                    mapping.getFlowStyle()));
            mapping.getValue().forEach(t -> tuples.add(new NodeTuple(copy(t.getKeyNode(), replacements, copies),
                    copy(t.getValueNode(), replacements, copies))));
        } else {
            copies.put(node, node);
        }
        return copies.get(node);
    }

    private static Optional<Node> value(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }

    private static List<String> keys(MappingNode mapping) {
        return mapping.getValue().stream().map(NodeTuple::getKeyNode)
                .filter(ScalarNode.class::isInstance).map(k -> ((ScalarNode) k).getValue()).toList();
    }

    private static Optional<Node> named(SequenceNode sequence, String name) {
        return sequence.getValue().stream()
                .filter(item -> item instanceof MappingNode m && value(m, "name")
                        .filter(n -> n instanceof ScalarNode s && s.getValue().equals(name)).isPresent())
                .findFirst();
    }

    private static List<String> names(SequenceNode sequence) {
        return sequence.getValue().stream()
                .flatMap(item -> item instanceof MappingNode m ? value(m, "name").stream() : Stream.empty())
                .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue()).toList();
    }
}
