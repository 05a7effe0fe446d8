package io.deepedge.traces;

import java.util.List;

/**
 * A trace file that cannot be used: carries every problem found (up to {@link #MAX_PROBLEMS} and a note that
 * reading stopped), each a {@code FILE:LINE:COLUMN: problem (value)} line. Checked, so that every caller decides
 * how a bad trace is reported (the config loader turns it into config problems and exit code 2).
 */
public final class TraceException extends Exception {
    /** Readers stop after this many problems: a wrong file would otherwise print one line per row. */
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
