package io.deepedge.traces;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Strict parsing of CSV numbers: only plain decimal notation, so that {@code NaN}, {@code Infinity}, hex floats
 * and Java suffixes like {@code 1d}, all of which {@link Double#parseDouble} accepts, are reported instead.
 */
final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");

    private Numbers() {
    }

    /** A finite decimal number, or empty. */
    static OptionalDouble decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** A non-negative integer written with digits only, or empty. */
    static OptionalLong count(String text) {
        return COUNT.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }

    /** A number for a message: integers without a trailing {@code .0}. */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
