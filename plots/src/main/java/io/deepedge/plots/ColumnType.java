package io.deepedge.plots;

import java.util.regex.Pattern;

/**
 * What a result file's column may hold; every cell of a known column is checked before anything is computed
 * or written. Numbers ignore the machine's locale; an empty cell is a missing value, as the contract says.
 */
enum ColumnType {
    /** Any text, empty included (sweep values, plans, reasons). */
    TEXT("any text"),
    /** An identifier such as a policy, service or device name. */
    NAME("a non-empty name"),
    /** A boolean. */
    FLAG("true or false"),
    /** A count: a whole number >= 0, or missing. */
    COUNT("a whole number >= 0, or an empty cell"),
    /** A whole number of either sign (a seed), or missing. */
    INTEGER("a whole number, or an empty cell"),
    /** A finite decimal number ({@code .} as decimal separator, exponent allowed), or missing ({@code NaN} too). */
    NUMBER("a number with '.' as decimal separator, or an empty cell");

    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private final String expected;

    ColumnType(String expected) {
        this.expected = expected;
    }

    /** What a valid cell looks like, for messages. */
    String expected() {
        return expected;
    }

    /** What is wrong with {@code cell}, or null when it fits this type. */
    String problem(String cell) {
        String value = cell.strip();
        return switch (this) {
            case TEXT -> null;
            case NAME -> value.isEmpty() ? "empty" : null;
            case FLAG -> value.equals("true") || value.equals("false") ? null : "not true or false";
            case COUNT -> value.isEmpty() ? null : whole(value, false);
            case INTEGER -> value.isEmpty() ? null : whole(value, true);
            case NUMBER -> value.isEmpty() || value.equals("NaN") ? null : decimal(value);
        };
    }

    private static String whole(String value, boolean signed) {
        if (!WHOLE.matcher(value).matches()) {
            return "not a whole number";
        }
        try {
            long n = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
            return signed || n >= 0 ? null : "negative";
        } catch (NumberFormatException e) {
            return "too large";
        }
    }

    private static String decimal(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            return "not a number";
        }
        return Double.isFinite(Double.parseDouble(value)) ? null : "too large";
    }
}
