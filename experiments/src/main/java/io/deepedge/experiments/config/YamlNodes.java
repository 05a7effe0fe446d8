package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reading of single YAML nodes: every wrong type, missing value or out-of-range number becomes a
 * problem naming the path, the value as written and what was expected, and the read returns empty.
 */
final class YamlNodes {
    /** Only decimal integers: YAML 1.1 reads {@code 010} as octal 8, which no user means in a config. */
    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL_REAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    /** Doubles represent every integer up to 2^53 exactly; beyond that "4e20" is not a precise integer. */
    private static final double MAX_EXACT = 9007199254740992.0;
    private static final int MAX_LISTED = 20;

    private YamlNodes() {
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The value as written, for the {@code (value)} part of a problem; collections by their kind. */
    static String show(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        String text = ((ScalarNode) node).getValue();
        if (text.isEmpty()) {
            return node.getTag().equals(Tag.NULL) ? "empty" : "\"\"";
        }
        return text; // shortened where the problem line is built
    }

    /** {@code one of a, b, c}, shortened for long lists so a problem stays one readable line. */
    static String oneOf(Collection<String> valid) {
        if (valid.isEmpty()) {
            return "none (there are no valid values)";
        }
        String shown = valid.stream().limit(MAX_LISTED).map(ProblemText::shorten).collect(Collectors.joining(", "));
        return valid.size() <= MAX_LISTED ? "one of " + shown : "one of " + shown + ", ... (" + valid.size() + " in all)";
    }

    /** A number for a message: integers without a trailing {@code .0}. */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String item(String path, int index) {
        return path + "[" + index + "]";
    }

    static Optional<List<Node>> list(Node node, String path, String expected, Problems problems) {
        if (node instanceof SequenceNode sequence) {
            return Optional.of(sequence.getValue());
        }
        problems.add(node, path, "must be a list", show(node), expected);
        return Optional.empty();
    }

    /** The text of a scalar; numbers and booleans count as text (a name like {@code 5} is fine). */
    static Optional<String> text(Node node, String path, String expected, Problems problems) {
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(node, path, "must be a single value", show(node), expected);
            return Optional.empty();
        }
        if (scalar.getTag().equals(Tag.NULL)) {
            problems.add(node, path, "has no value", show(node), expected);
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    /** A name following {@link Names}' rule. */
    static Optional<String> name(Node node, String path, Problems problems) {
        Optional<String> text = text(node, path, Names.EXPECTED, problems);
        if (text.isPresent() && !Names.PATTERN.matcher(text.get()).matches()) {
            String what = text.get().length() > Names.MAX_LENGTH ? "is longer than " + Names.MAX_LENGTH
                    + " characters" : "is not a valid name";
            problems.add(node, path, what, show(node), Names.EXPECTED);
            return Optional.empty();
        }
        return text;
    }

    static OptionalDouble number(Node node, String path, Bound bound, Problems problems) {
        if (text(node, path, bound.expected(), problems).isEmpty()) {
            return OptionalDouble.empty();
        }
        ScalarNode scalar = (ScalarNode) node;
        OptionalDouble value = real(scalar);
        String wrong = value.isEmpty() ? notANumber(scalar, "a number")
                : !Double.isFinite(value.getAsDouble()) ? "must be finite"
                : !bound.test(value.getAsDouble()) ? bound.violation(value.getAsDouble()) : null;
        if (wrong != null) {
            problems.add(node, path, wrong, show(node), bound.expected());
            return OptionalDouble.empty();
        }
        return value;
    }

    static OptionalLong integer(Node node, String path, LongRange range, Problems problems) {
        if (text(node, path, range.expected(), problems).isEmpty()) {
            return OptionalLong.empty();
        }
        ScalarNode scalar = (ScalarNode) node;
        String digits = scalar.getValue().replace("_", "");
        OptionalLong value = OptionalLong.empty();
        String wrong;
        if (scalar.getTag().equals(Tag.INT) && DECIMAL_INT.matcher(digits).matches()) {
            BigInteger big = new BigInteger(digits);
            wrong = big.bitLength() > 63 ? "is out of range" : null;
            value = wrong == null ? OptionalLong.of(big.longValue()) : value;
        } else {
            OptionalDouble real = real(scalar);
            boolean integral = real.isPresent() && real.getAsDouble() == Math.rint(real.getAsDouble());
            boolean whole = integral && Math.abs(real.getAsDouble()) <= MAX_EXACT;
            wrong = real.isEmpty() ? notANumber(scalar, "an integer") : whole ? null
                    : integral ? inexact(real.getAsDouble(), range) : "must be an integer";
            value = whole ? OptionalLong.of((long) real.getAsDouble()) : value;
        }
        if (wrong == null && !range.contains(value.getAsLong())) {
            wrong = range.violation(value.getAsLong());
        }
        if (wrong != null) {
            problems.add(node, path, wrong, show(node), range.expected());
            return OptionalLong.empty();
        }
        return value;
    }

    /** An integer written like 1e18: past 2^53 that notation is not exact, so only a range violation is named. */
    private static String inexact(double value, LongRange range) {
        if (value > range.max() || value < range.min()) {
            return range.violation(value > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        return "must be written in digits (a number like 1e18 is exact only up to 2^53)";
    }

    /** {@code true} or {@code false}; YAML 1.1's yes/no/on/off are refused, they read as words to most users. */
    static Optional<Boolean> bool(Node node, String path, Problems problems) {
        String expected = "true or false";
        if (text(node, path, expected, problems).isEmpty()) {
            return Optional.empty();
        }
        String text = ((ScalarNode) node).getValue();
        if (node.getTag().equals(Tag.BOOL) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(text.equalsIgnoreCase("true"));
        }
        problems.add(node, path, "must be true or false", show(node), expected);
        return Optional.empty();
    }

    /** A scalar's number: only what YAML resolved as int or float, and only written in decimal. */
    private static OptionalDouble real(ScalarNode scalar) {
        String text = scalar.getValue().replace("_", "");
        if (scalar.getTag().equals(Tag.INT)) {
            return DECIMAL_INT.matcher(text).matches() ? OptionalDouble.of(Double.parseDouble(text)) : OptionalDouble.empty();
        }
        if (!scalar.getTag().equals(Tag.FLOAT)) {
            return OptionalDouble.empty();
        }
        if (INFINITY.matcher(text).matches()) {
            return OptionalDouble.of(text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (text.equalsIgnoreCase(".nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        return DECIMAL_REAL.matcher(text).matches() ? OptionalDouble.of(Double.parseDouble(text)) : OptionalDouble.empty();
    }

    private static String notANumber(ScalarNode scalar, String noun) {
        boolean numeric = scalar.getTag().equals(Tag.INT) || scalar.getTag().equals(Tag.FLOAT);
        return numeric ? "must be written in decimal" : "must be " + noun;
    }
}
