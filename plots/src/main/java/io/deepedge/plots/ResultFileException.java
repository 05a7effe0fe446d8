package io.deepedge.plots;

import java.util.List;

/**
 * Result files that cannot be read as the contract says: one line per problem, each
 * {@code FILE:LINE: column: what is wrong (value), expected ...}, every problem of every file read at once.
 * Thrown before anything is written.
 */
public final class ResultFileException extends IllegalArgumentException {
    private final List<String> problems;

    ResultFileException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem to report");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problem lines, in file and line order. */
    public List<String> problems() {
        return problems;
    }

    /** Throws when {@code problems} is not empty. */
    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ResultFileException(problems);
        }
    }
}
