package io.deepedge.experiments.config;

/**
 * One problem of a config file, located at a line. What was expected is kept apart from what is wrong, so that
 * a problem every grid point has alike is reported once even where the valid values differ between points
 * (the device names of a swept device count, say).
 *
 * @param line 1-based line, 0 when the problem concerns the file as a whole (e.g. it does not exist), or
 *             {@link #OPTION} for a problem of a command-line option that changes what the config runs
 * @param subject {@code path: what (value)}; for a problem of a referenced file, the config path that references it
 * @param expectation {@code , expected ...}, or empty
 * @param external for a problem inside a file the config references (a trace), that file's own
 *                 {@code FILE:LINE:COLUMN: problem (value)}; empty for a problem of the config itself
 * @param suffix where in the sweep grid the problem is, e.g. {@code  [at sweep point ...]}; empty when everywhere
 */
record Problem(int line, String subject, String expectation, String external, String suffix) {
    /** The line of a problem of a command-line option: it has no place in the file, and sorts first. */
    static final int OPTION = -1;

    Problem(int line, String subject, String expectation) {
        this(line, subject, expectation, "", "");
    }

    static Problem option(String subject, String expectation) {
        return new Problem(OPTION, subject, expectation);
    }

    /**
     * The problem as a {@code FILE:LINE: path: what (value), expected ...} line; a referenced file's problem leads
     * with its own location, which is where the user has to fix it, and names the config line that brought the
     * file in. A command-line option's problem has no file location, as the CLI prints its other argument problems.
     */
    String format(String file) {
        if (line == OPTION) {
            return subject + expectation + suffix;
        }
        String at = line > 0 ? file + ":" + line : file;
        return external.isEmpty() ? at + ": " + subject + expectation + suffix
                : external + expectation + "; referenced at " + at + ": " + subject + suffix;
    }

    /** The same problem without what was expected: problems equal but for that are one problem of a sweep. */
    Problem withoutExpectation() {
        return new Problem(line, subject, "", external, suffix);
    }

    Problem withSuffix(String text) {
        return new Problem(line, subject, expectation, external, suffix + text);
    }

    Problem withExpectation(String text) {
        return new Problem(line, subject, text, external, suffix);
    }
}
