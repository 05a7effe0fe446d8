package io.deepedge.experiments.config;

import java.util.List;

/**
 * An experiment config that cannot be used: carries every problem found, each a
 * {@code FILE:LINE: path.to.field: what is wrong (value), expected ...} line, ready to print on stderr.
 */
public final class ConfigException extends Exception {
    private final List<String> problems;

    /** @param problems one line per problem, at least one */
    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, one line each, in file order. */
    public List<String> problems() {
        return problems;
    }
}
