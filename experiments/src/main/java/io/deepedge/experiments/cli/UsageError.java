package io.deepedge.experiments.cli;

import java.util.List;

/** Invalid input (arguments or config): its lines are printed as they are, and the exit code is 2. */
public final class UsageError extends RuntimeException {
    private final List<String> problems;

    public UsageError(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public UsageError(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
