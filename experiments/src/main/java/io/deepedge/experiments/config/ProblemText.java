package io.deepedge.experiments.config;

import io.deepedge.traces.TraceProblem;

/**
 * The text of one problem line, {@code where: what (value), expected ...}, shared by the config loader and the
 * CLI's argument checks so that every problem reads alike: one line, and no value longer than
 * {@value TraceProblem#MAX_VALUE_CHARS} characters (a 10 KB value is cut, whether it is the value in parentheses,
 * a key in a path or a name quoted in the message or the expectation; file paths are cut only in segments that
 * long).
 */
public final class ProblemText {
    private ProblemText() {
    }

    /**
     * {@code where: what (value), expected ...}, shortened and on one line.
     *
     * @param where the field or option, e.g. {@code training.samples} or {@code --policies}; empty for none
     * @param value the offending value as written, or null when there is none (e.g. a missing field)
     */
    public static String of(String where, String what, String value, String expected) {
        return subject(where, what, value) + expectation(expected);
    }

    /** {@code where: what (value)}: a problem line without what was expected. */
    static String subject(String where, String what, String value) {
        StringBuilder message = new StringBuilder();
        if (!where.isEmpty()) {
            message.append(TraceProblem.shortenWords(where)).append(": ");
        }
        message.append(TraceProblem.shortenWords(what));
        if (value != null) {
            message.append(" (").append(shorten(value)).append(')');
        }
        return oneLine(message.toString());
    }

    /** {@code , expected ...} on one line. */
    static String expectation(String expected) {
        return oneLine(", expected " + TraceProblem.shortenWords(expected));
    }

    /**
     * {@code text} with every run of more than {@value TraceProblem#MAX_VALUE_CHARS} characters without a space or
     * a {@code /} shortened: the CLI's last guard for messages it did not build (picocli's, other commands').
     */
    public static String shortenWords(String text) {
        return TraceProblem.shortenWords(text);
    }

    /** The first {@value TraceProblem#MAX_VALUE_CHARS} characters and {@code ...}, for a longer value. */
    public static String shorten(String value) {
        return TraceProblem.shorten(value);
    }

    /** One problem, one line: a value with a line break (a block scalar, a quoted key) must not split it. */
    static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
