package io.deepedge.plots;

import java.util.List;

/**
 * Renders rows as RFC 4180 CSV text with {@code \n} line ends, quoting only cells that need it. Public so the
 * result files are written and read with one definition of the format.
 */
public final class CsvText {
    private final StringBuilder text = new StringBuilder();

    /** Appends one row. */
    public CsvText row(List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(quoted(cells.get(i)));
        }
        text.append('\n');
        return this;
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
