package io.deepedge.experiments.config;

import io.deepedge.traces.TraceProblem;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Collects the problems of one validation pass instead of stopping at the first, so a user sees them all at once. */
final class Problems {
    private final List<Problem> list = new ArrayList<>();
    /**
     * The problems of referenced files recorded so far: a file several entries reference (one profile file for
     * every device) is read once ({@link TraceFiles} keeps its outcome), so its problems are the same objects at
     * every reference; they are listed once, at the first.
     */
    private final Set<TraceProblem> externalSeen = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Records {@code path: what (value), expected ...} at the line of {@code at}.
     *
     * @param value the offending value as written, or null when there is none (e.g. a missing field)
     */
    void add(Node at, String path, String what, String value, String expected) {
        add(YamlNodes.line(at), path, what, value, expected);
    }

    /** @param line 1-based, or 0 for a problem of the whole file (it has no line) */
    void add(int line, String path, String what, String value, String expected) {
        list.add(new Problem(line, ProblemText.subject(path, what, value), ProblemText.expectation(expected)));
    }

    /**
     * Records a problem of a command-line option that changes what the config runs (e.g. {@code --policies}): it
     * is printed without the file's location, and before the file's problems.
     */
    void addOption(String option, String what, String value, String expected) {
        list.add(Problem.option(ProblemText.subject(option, what, value), ProblemText.expectation(expected)));
    }

    /**
     * Records a problem found inside a file the config references (a trace) at the config node that names it.
     *
     * A problem of a file referenced more than once is recorded at its first reference only.
     *
     * @param path the config path of that reference, e.g. {@code services[0].arrivals.trace}
     */
    void addExternal(Node at, String path, TraceProblem problem) {
        if (!externalSeen.add(problem)) {
            return;
        }
        list.add(new Problem(YamlNodes.line(at), ProblemText.oneLine(TraceProblem.shortenWords(path)),
                problem.expectation(), problem.subject(), ""));
    }

    /** A required field is absent: reported at its parent mapping, the closest line that exists. */
    void missing(int parentLine, String path, String expected) {
        add(parentLine, path, "missing required field", null, expected);
    }

    int count() {
        return list.size();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }

    /**
     * Runs a record constructor; its IllegalArgumentException becomes a problem. Validation runs first, so
     * reaching the catch means a rule the loader does not know yet: better a problem line than a stack trace.
     */
    <T> Optional<T> build(Node at, String path, Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            add(at, path, "is invalid: " + e.getMessage(), null, "a valid value");
            return Optional.empty();
        }
    }
}
