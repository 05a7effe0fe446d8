package io.deepedge.experiments.config;

import java.util.function.DoublePredicate;

/**
 * A range rule for a real-valued field: the test, what a violation is called, and what was expected.
 *
 * @param must what is wrong when the test fails, e.g. {@code must be positive}
 * @param expected what a valid value looks like, e.g. {@code a number > 0}
 * @param test true for valid (finite) values
 */
record Bound(String must, String expected, DoublePredicate test) {
    static final Bound POSITIVE = new Bound("must be positive", "a number > 0", v -> v > 0);
    static final Bound NON_NEGATIVE = new Bound("must not be negative", "a number >= 0", v -> v >= 0);
    static final Bound AT_LEAST_ONE = new Bound("must be at least 1", "a number >= 1", v -> v >= 1);
    static final Bound OPEN_UNIT = new Bound("must be strictly between 0 and 1", "a number in (0, 1), e.g. 0.99",
            v -> v > 0 && v < 1);
    static final Bound HALF_OPEN_UNIT = new Bound("must be in (0, 1]", "a number in (0, 1], e.g. 0.5",
            v -> v > 0 && v <= 1);
    static final Bound UNIT = new Bound("must be in [0, 1]", "a number in [0, 1], e.g. 0.1", v -> v >= 0 && v <= 1);
}
