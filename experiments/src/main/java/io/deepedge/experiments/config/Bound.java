package io.deepedge.experiments.config;

import java.util.function.DoublePredicate;

/**
 * A range rule for a real-valued field: the test of each end, what a violation of it is called, and what was
 * expected.
 *
 * @param low true for values that are not below the range
 * @param tooLow what is wrong with a value below it, e.g. {@code must be positive}
 * @param high true for values that are not above the range
 * @param tooHigh what is wrong with a value above it, e.g. {@code must be at most 1e9}
 * @param expected what a valid value looks like, e.g. {@code a number in (0, 1e9]}
 */
record Bound(DoublePredicate low, String tooLow, DoublePredicate high, String tooHigh, String expected) {
    static final Bound OPEN_UNIT = unit("must be strictly between 0 and 1", "a number in (0, 1), e.g. 0.99",
            v -> v > 0, v -> v < 1);
    static final Bound HALF_OPEN_UNIT = unit("must be in (0, 1]", "a number in (0, 1], e.g. 0.5", v -> v > 0, v -> v <= 1);
    static final Bound UNIT = unit("must be in [0, 1]", "a number in [0, 1], e.g. 0.1", v -> v >= 0, v -> v <= 1);

    /** {@code [min, max]}. */
    static Bound closed(double min, double max) {
        String tooLow = min == 0 ? "must not be negative" : "must be at least " + show(min);
        return new Bound(v -> v >= min, tooLow, v -> v <= max, "must be at most " + show(max),
                "a number in [" + show(min) + ", " + show(max) + "]");
    }

    /** {@code (min, max]}. */
    static Bound openClosed(double min, double max) {
        String tooLow = min == 0 ? "must be positive" : "must be greater than " + show(min);
        return new Bound(v -> v > min, tooLow, v -> v <= max, "must be at most " + show(max),
                "a number in (" + show(min) + ", " + show(max) + "]");
    }

    private static Bound unit(String must, String expected, DoublePredicate low, DoublePredicate high) {
        return new Bound(low, must, high, must, expected);
    }

    boolean test(double value) {
        return low.test(value) && high.test(value);
    }

    /** What is wrong with {@code value}, which fails {@link #test}. */
    String violation(double value) {
        return low.test(value) ? tooHigh : tooLow;
    }

    /** A range end for a message: powers of ten from 1e5 up (and below 0.001) as {@code 1eN}, e.g. {@code 1e9}. */
    static String show(double value) {
        long exponent = Math.round(Math.log10(Math.abs(value)));
        boolean powerOfTen = value > 0 && Double.parseDouble("1e" + exponent) == value;
        return powerOfTen && (value >= 1e5 || value < 1e-3) ? "1e" + exponent : YamlNodes.format(value);
    }
}
