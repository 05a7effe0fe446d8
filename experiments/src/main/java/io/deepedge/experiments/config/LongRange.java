package io.deepedge.experiments.config;

/**
 * An inclusive range rule for an integer field.
 *
 * @param min smallest valid value
 * @param max largest valid value
 */
record LongRange(long min, long max) {
    static final LongRange ANY = new LongRange(Long.MIN_VALUE, Long.MAX_VALUE);

    boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** What is wrong with an out-of-range value. */
    String violation(long value) {
        return value < min ? "must be at least " + min : "must be at most " + Bound.show(max);
    }

    String expected() {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "a 64-bit integer, from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + Bound.show(max);
    }
}
