package io.deepedge.traces;

import java.util.List;

/**
 * A trace file that cannot be used: carries the problems found in one pass over the whole file, each a
 * {@code FILE:LINE:COLUMN: problem (value)} line; past {@link #MAX_PROBLEMS} one last line counts the rest and
 * names their lines. Checked, so that every caller decides how a bad trace is reported (the config loader turns
 * it into config problems and exit code 2).
 */
public final class TraceException extends Exception {
    /** Readers list this many problems and count the rest: a wrong file would otherwise print one line per row. */
    public static final int MAX_PROBLEMS = 20;

    private final List<TraceProblem> problems;

    /** @param problems at least one */
    public TraceException(List<TraceProblem> problems) {
        super(String.join(System.lineSeparator(), problems.stream().map(TraceProblem::format).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TraceException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public TraceException(TraceProblem problem) {
        this(List.of(problem));
    }

    /** The problems in file order. */
    public List<TraceProblem> problems() {
        return problems;
    }

    /** The problems formatted, one line each. */
    public List<String> lines() {
        return problems.stream().map(TraceProblem::format).toList();
    }
}
