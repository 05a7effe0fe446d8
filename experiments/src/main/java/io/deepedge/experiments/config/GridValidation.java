package io.deepedge.experiments.config;

import io.deepedge.models.Scenario;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates every grid point's substituted tree and merges the problems: a problem found at every point is
 * reported once, one found at only some points is reported per point with a {@code [at sweep point ...]} suffix.
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
                       TraceFiles traces) {
        List<Set<Problem>> found = new ArrayList<>();
        List<Optional<Scenario>> scenarios = new ArrayList<>();
        for (SweepPoint point : points) {
            Problems problems = new Problems();
            Node tree = point.replacements().isEmpty() ? root : NodeTrees.copy(root, point.replacements());
            scenarios.add(ScenarioReader.read(tree, experiment, traces, problems));
            found.add(new LinkedHashSet<>(problems.list()));
        }
        List<Problem> merged = merge(base, found, points);
        if (!merged.isEmpty()) {
            return new Outcome(List.of(), merged);
        }
        List<GridPoint> grid = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            // No problem anywhere means every point built its scenario; anything else is a loader bug.
            Scenario scenario = scenarios.get(k).orElseThrow(() -> new IllegalStateException("scenario not built"));
            grid.add(new GridPoint(points.get(k).values(), scenario));
        }
        return new Outcome(grid, List.of());
    }

    private static List<Problem> merge(List<Problem> base, List<Set<Problem>> found, List<SweepPoint> points) {
        Set<Problem> out = new LinkedHashSet<>(base);
        Map<Problem, List<Integer>> where = new LinkedHashMap<>();
        for (int k = 0; k < found.size(); k++) {
            for (Problem problem : found.get(k)) {
                where.computeIfAbsent(problem, p -> new ArrayList<>()).add(k);
            }
        }
        where.forEach((problem, at) -> {
            if (out.contains(problem)) {
                return;
            }
            if (at.size() == points.size()) {
                out.add(problem);
                return;
            }
            at.stream().limit(MAX_POINTS_LISTED).forEach(k -> out.add(problem.withSuffix(points.get(k).label())));
            if (at.size() > MAX_POINTS_LISTED) {
                int more = at.size() - MAX_POINTS_LISTED;
                out.add(problem.withSuffix(" [at " + more + " more sweep point" + (more == 1 ? "]" : "s]")));
            }
        });
        List<Problem> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: same-line problems keep their order
        return sorted;
    }
}
