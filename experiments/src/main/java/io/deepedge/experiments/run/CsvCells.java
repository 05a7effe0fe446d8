package io.deepedge.experiments.run;

import java.math.BigDecimal;

/**
 * Locale-independent CSV cells: numbers as the shortest text that round-trips to the same double,
 * without exponent; NaN and infinities as empty cells; text cells quoted only when they must be.
 */
public final class CsvCells {
    private CsvCells() {
    }

    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public static String text(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    public static String row(Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object c = cells[i];
            sb.append(c instanceof Double d ? number(d) : text(String.valueOf(c)));
        }
        return sb.append('\n').toString();
    }
}
