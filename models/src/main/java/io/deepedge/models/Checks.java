package io.deepedge.models;

/** Argument checks shared by the records' compact constructors; messages name the field and value. */
public final class Checks {
    private Checks() {
    }

    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be positive and finite (" + value + ")");
        }
        return value;
    }

    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be >= 0 and finite (" + value + ")");
        }
        return value;
    }

    public static double atLeast(String field, double min, double value) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be >= " + min + " (" + value + ")");
        }
        return value;
    }

    /** {@code value} in {@code [0, limit)}: a part of {@code limit} that must leave some of it. */
    public static double nonNegativeBelow(String field, double limit, double value) {
        nonNegative(field, value);
        if (!(value < limit)) {
            throw new IllegalArgumentException(field + " must be below " + limit + " (" + value + ")");
        }
        return value;
    }

    /** {@code value} in {@code (0, 1]}: a fraction that keeps some of what it scales. */
    public static double fraction(String field, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be in (0, 1] (" + value + ")");
        }
        return value;
    }

    public static String name(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty name (" + value + ")");
        }
        return value;
    }
}
