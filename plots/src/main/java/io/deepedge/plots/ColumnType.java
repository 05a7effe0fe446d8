package io.deepedge.plots;

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
        int digitsFrom = sign(value, 0);
        if (digits(value, digitsFrom) != value.length() || digitsFrom == value.length()) {
            return "not a whole number";
        }
        try {
            return signed || Long.parseLong(value) >= 0 ? null : "negative";
        } catch (NumberFormatException e) {
            return "too large";
        }
    }

    /**
     * {@code [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)?}: what the tool and common tools write,
     * without the {@code 1d}, {@code 0x1p3} or {@code Infinity} that {@link Double#parseDouble} also accepts.
     * Scanned by hand: a regular expression per cell was the report's main cost on large files.
     */
    private static String decimal(String value) {
        int at = sign(value, 0);
        int integerEnd = digits(value, at);
        int fractionEnd = integerEnd;
        if (integerEnd < value.length() && value.charAt(integerEnd) == '.') {
            fractionEnd = digits(value, integerEnd + 1);
        }
        boolean mantissa = integerEnd > at || fractionEnd > integerEnd + 1;
        int end = fractionEnd;
        if (mantissa && end < value.length() && (value.charAt(end) == 'e' || value.charAt(end) == 'E')) {
            int exponentFrom = sign(value, end + 1);
            int exponentEnd = digits(value, exponentFrom);
            end = exponentEnd > exponentFrom ? exponentEnd : -1;
        }
        if (!mantissa || end != value.length()) {
            return "not a number";
        }
        return Double.isFinite(Double.parseDouble(value)) ? null : "too large";
    }

    /** Past an optional sign at {@code at}. */
    private static int sign(String value, int at) {
        return at < value.length() && (value.charAt(at) == '-' || value.charAt(at) == '+') ? at + 1 : at;
    }

    /** The end of the run of ASCII digits starting at {@code at}. */
    private static int digits(String value, int at) {
        while (at < value.length() && value.charAt(at) >= '0' && value.charAt(at) <= '9') {
            at++;
        }
        return at;
    }
}
