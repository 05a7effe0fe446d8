package io.deepedge.experiments.config;

/**
 * One problem of a config file, located at a line.
 *
 * @param line 1-based line, or 0 when the problem concerns the file as a whole (e.g. it does not exist)
 * @param message {@code path: what (value), expected ...}; for a problem of a referenced file, the config path
 *                that references it
 * @param external for a problem inside a file the config references (a trace), that file's own
 *                 {@code FILE:LINE:COLUMN: problem (value)} line; empty for a problem of the config itself
 */
record Problem(int line, String message, String external) {
    Problem(int line, String message) {
        this(line, message, "");
    }

    /**
     * The problem as a {@code FILE:LINE: message} line; a referenced file's problem leads with its own location,
     * which is where the user has to fix it, and names the config line that brought the file in.
     */
    String format(String file) {
        String at = line > 0 ? file + ":" + line : file;
        return external.isEmpty() ? at + ": " + message : external + "; referenced at " + at + ": " + message;
    }

    Problem withSuffix(String suffix) {
        return new Problem(line, message + suffix, external);
    }
}
