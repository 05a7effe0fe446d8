package io.deepedge.experiments.config;

/**
 * One problem of a config file, located at a line.
 *
 * @param line 1-based line, or 0 when the problem concerns the file as a whole (e.g. it does not exist)
 * @param message {@code path: what (value), expected ...}
 */
record Problem(int line, String message) {
    /** The problem as a {@code FILE:LINE: message} line. */
    String format(String file) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    Problem withSuffix(String suffix) {
        return new Problem(line, message + suffix);
    }
}
