package io.deepedge.experiments.config;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates every grid point's substituted tree and merges the problems: a problem found at every point is
 * reported once; one found at only some points is reported once with the sweep values that have it
 * ({@code [at sweep points with devices.nano.count=2 or 4]}) when those points are all combinations of some
 * values, else once per point with a {@code [at sweep point ...]} suffix (a few points, then a count).
 */
final class GridValidation {
    /** Beyond this many points per problem the rest are summarised, so a large grid stays readable. */
    static final int MAX_POINTS_LISTED = 5;

    /**
     * The merged outcome.
     *
     * @param points one grid point per sweep point, when there are no problems
     * @param problems every problem, sorted by line
     */
    record Outcome(List<GridPoint> points, List<Problem> problems) {
    }

    private GridValidation() {
    }

    /**
     * @param base problems already found outside the scenario (header, sweep block); a point problem equal to
     *             one of them is not repeated
     * @param traces reads each trace file once for all points
     */
    static Outcome run(Node root, Optional<String> experiment, List<SweepPoint> points, List<Problem> base,
                       TraceFiles traces, RunScope scope) {
        List<Set<Problem>> found = new ArrayList<>();
        List<Optional<ScenarioReader.Read>> scenarios = new ArrayList<>();
        for (SweepPoint point : points) {
            Problems problems = new Problems();
            Node tree = point.replacements().isEmpty() ? root : NodeTrees.copy(root, point.replacements());
            scenarios.add(ScenarioReader.read(tree, experiment, traces, scope, problems));
            found.add(new LinkedHashSet<>(problems.list()));
        }
        List<Problem> merged = merge(base, found, points);
        if (!merged.isEmpty()) {
            return new Outcome(List.of(), merged);
        }
        List<GridPoint> grid = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            // No problem anywhere means every point built its scenario; anything else is a loader bug.
            ScenarioReader.Read read = scenarios.get(k).orElseThrow(() -> new IllegalStateException("scenario not built"));
            grid.add(new GridPoint(points.get(k).values(), read.scenario(), read.testbed(), read.profileHost()));
        }
        return new Outcome(grid, List.of());
    }

    private static List<Problem> merge(List<Problem> base, List<Set<Problem>> found, List<SweepPoint> points) {
        Set<Problem> out = new LinkedHashSet<>(base);
        // Grouped without what was expected: that may differ between points (the device names of a swept count).
        Map<Problem, Map<Integer, Problem>> where = new LinkedHashMap<>();
        for (int k = 0; k < found.size(); k++) {
            for (Problem problem : found.get(k)) {
                if (!out.contains(problem)) {
                    where.computeIfAbsent(problem.withoutExpectation(), p -> new LinkedHashMap<>()).putIfAbsent(k, problem);
                }
            }
        }
        where.forEach((problem, byPoint) -> out.addAll(located(byPoint, points)));
        List<Problem> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: same-line problems keep their order
        return sorted;
    }

    /**
     * One problem found at the points {@code byPoint} names: once, when that is every point or every combination
     * of some sweep values; else once per point (a few, then a count).
     */
    private static List<Problem> located(Map<Integer, Problem> byPoint, List<SweepPoint> points) {
        List<Integer> at = new ArrayList<>(byPoint.keySet());
        Problem first = byPoint.get(at.get(0));
        boolean sameExpectation = byPoint.values().stream().map(Problem::expectation).distinct().count() == 1;
        Problem once = sameExpectation ? first : first.withExpectation(first.expectation()
                + " (at sweep point " + points.get(at.get(0)).coordinates() + "; it differs between points)");
        if (at.size() == points.size()) {
            return List.of(once);
        }
        Optional<String> values = at.size() > 1 ? commonValues(at, points) : Optional.empty();
        if (values.isPresent()) {
            return List.of(once.withSuffix(" [at sweep points with " + values.get() + "]"));
        }
        List<Problem> listed = new ArrayList<>();
        at.stream().limit(MAX_POINTS_LISTED).forEach(k -> listed.add(byPoint.get(k).withSuffix(points.get(k).label())));
        if (at.size() > MAX_POINTS_LISTED) {
            int more = at.size() - MAX_POINTS_LISTED;
            listed.add(first.withSuffix(" [at " + more + " more sweep point" + (more == 1 ? "]" : "s]")));
        }
        return listed;
    }

    /**
     * The sweep values that pick out exactly the points {@code at}, e.g. {@code devices.nano.count=2 or 4}, when
     * those points are every combination of some values of each path (paths where all values occur are left
     * out); empty when they are not such a product.
     */
    private static Optional<String> commonValues(List<Integer> at, List<SweepPoint> points) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        Map<String, Set<String>> here = new LinkedHashMap<>();
        for (SweepPoint point : points) {
            point.values().forEach((path, value) -> all.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(value));
        }
        for (int k : at) {
            points.get(k).values().forEach((path, value) -> here.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(value));
        }
        long combinations = 1;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> axis : here.entrySet()) {
            combinations *= axis.getValue().size();
            if (axis.getValue().size() < all.get(axis.getKey()).size()) {
                parts.add(axis.getKey() + "=" + axis.getValue().stream().map(ProblemText::shorten)
                        .collect(Collectors.joining(" or ")));
            }
        }
        // The points are distinct, so as many of them as combinations means they are all the combinations.
        return combinations == at.size() && !parts.isEmpty() ? Optional.of(String.join(", ", parts)) : Optional.empty();
    }
}
