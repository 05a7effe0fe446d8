package io.deepedge.traces;

/**
 * One problem of a trace file, located at a line and a CSV column.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 for a problem of the whole file (e.g. it does not exist)
 * @param column 1-based CSV field number, or 0 for a problem of the whole line
 * @param problem what is wrong
 * @param value the offending value as written, or null when there is none
 * @param expected what a valid value looks like, or null
 */
public record TraceProblem(String file, int line, int column, String problem, String value, String expected) {
    private static final int MAX_VALUE_CHARS = 80;

    /** {@code FILE:LINE:COLUMN: problem (value), expected ...}, with the location parts that exist. */
    public String format() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ").append(problem);
        if (value != null) {
            s.append(" (").append(shorten(value)).append(')');
        }
        if (expected != null) {
            s.append(", expected ").append(expected);
        }
        // One problem, one line, whatever bytes the file held.
        return s.toString().replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + "...";
    }

    @Override
    public String toString() {
        return format();
    }
}
