package io.deepedge.experiments.config;

import java.util.regex.Pattern;

/**
 * The one rule for the names a config gives: the experiment (which names the output directory), devices
 * (expanded to {@code NAME-1 .. NAME-n} by {@code count}) and services.
 */
final class Names {
    /** Longest name: an experiment name is a directory name, and names are columns of every result row. */
    static final int MAX_LENGTH = 64;
    /** Lowercase letters, digits and '-', not starting with '-' (it would read as a command-line option). */
    static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_LENGTH - 1) + "}");
    static final String EXPECTED = "a name of lowercase letters, digits and '-' ([a-z0-9][a-z0-9-]*) that does not"
            + " start with '-', at most " + MAX_LENGTH + " characters";

    private Names() {
    }
}
