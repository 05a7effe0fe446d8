package io.deepedge.plots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Locale-independent number formatting for result files and the report; public so every result file
 * (runs.csv and services.csv too, written elsewhere) uses the same rule.
 *
 * <p>Files get {@link #exact}: the digits of {@link Double#toString} (which round-trip to the same double)
 * written without exponent and without trailing zeros ({@code 12}, {@code 0.25}, {@code 4.968...}); a missing
 * value (NaN or infinite) is an empty cell. The report's tables get {@link #rounded}, for reading only.
 */
public final class Numbers {
    private static final MathContext DISPLAY = new MathContext(4, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    /** Round-trip representation without exponent, or {@code ""} for NaN and infinities. */
    public static String exact(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Four significant digits but every integer digit, without exponent, or {@code ""} for NaN and infinities. */
    static String rounded(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        int integerDigits = exact.precision() - exact.scale();
        BigDecimal shown = integerDigits >= DISPLAY.getPrecision()
                ? exact.setScale(0, DISPLAY.getRoundingMode())
                : exact.round(DISPLAY);
        return shown.stripTrailingZeros().toPlainString();
    }
}
