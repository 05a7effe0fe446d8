package io.deepedge.traces;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** Values, and any word of the problem or expectation (a device name, say), are cut to this many characters. */
    public static final int MAX_VALUE_CHARS = 80;
    /**
     * A long run of characters without a space, '/', quote, parenthesis or comma: a file path is shortened segment
     * by segment, if at all, and the punctuation around a value stays.
     */
    private static final Pattern LONG_WORD = Pattern.compile("[^\\s/(),'\"]{" + (MAX_VALUE_CHARS + 1) + ",}");
    private static final String ELLIPSIS = "...";

    /** {@code FILE:LINE:COLUMN: problem (value), expected ...}, with the location parts that exist. */
    public String format() {
        return subject() + expectation();
    }

    /** {@code FILE:LINE:COLUMN: problem (value)}: the line without what was expected. */
    public String subject() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ").append(shortenWords(problem));
        if (value != null) {
            s.append(" (").append(shorten(value)).append(')');
        }
        return oneLine(s.toString());
    }

    /** {@code , expected ...}, or nothing when there is no expectation. */
    public String expectation() {
        return expected == null ? "" : oneLine(", expected " + shortenWords(expected));
    }

    /** One problem, one line, whatever bytes the file held. */
    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** The first {@link #MAX_VALUE_CHARS} characters and {@code ...}, for a value longer than that. */
    public static String shorten(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS) + ELLIPSIS;
    }

    /** Text with every word longer than {@link #MAX_VALUE_CHARS} shortened: values a message quotes in passing. */
    public static String shortenWords(String text) {
        return LONG_WORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(shortened(m.group())
                ? m.group() : shorten(m.group())));
    }

    /** Whether a word is already a shortened value: shortening twice must change nothing. */
    private static boolean shortened(String word) {
        return word.endsWith(ELLIPSIS) && word.length() <= MAX_VALUE_CHARS + ELLIPSIS.length();
    }

    @Override
    public String toString() {
        return format();
    }
}
