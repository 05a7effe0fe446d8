package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code comparison.csv}: every policy against one baseline policy by paired differences over replications.
 *
 * <p>Policies of one replication share its seed and so its random streams (common random numbers): comparing
 * them replication by replication removes the noise the inputs share. For each grid point, policy other than the
 * baseline and metric ({@link #METRICS}, those runs.csv has), replication {@code r} of the policy is paired with
 * replication {@code r} of the baseline at the same grid point when both rows carry the same {@code seed}, and the
 * pair counts when both have a value of the metric. Nothing is dropped silently; a row's {@code note} says:
 * <ul>
 *   <li>which pairs were left out and why (the job did not finish, no LC request in the window, the baseline has
 *       no such replication), counted in {@code unpaired};</li>
 *   <li>that the comparison was refused, with empty statistics, when a replication's seeds differ (the runs did
 *       not share random numbers, so a paired difference would mislead) or a replication appears twice;</li>
 *   <li>that the baseline has no run at the grid point.</li>
 * </ul>
 * Columns: {@code policy, baseline, metric, mean_diff, ci95, n, policy_mean, baseline_mean, rel_diff, ci_wide,
 * replications_needed, unpaired, note}, then runs.csv's sweep columns. See {@link PairedDiff} for the statistics.
 */
public final class Comparison {
    static final String FILE = "comparison.csv";
    /** Compared metrics, in output order; optional columns only when runs.csv has them. */
    static final List<String> METRICS = List.of(RETRAIN_TIME_SEC, RETRAIN_TIME_LB_SEC, LC_MISS_RATE, LC_P95_MS,
            LC_P99_MS, SLO_VIOLATIONS, COLOC_SLO_VIOLATIONS, WORK_LOST_SEC, "accuracy_after");
    static final List<String> COLUMNS = List.of(POLICY, "baseline", "metric", "mean_diff", "ci95", "n",
            "policy_mean", "baseline_mean", "rel_diff", "ci_wide", "replications_needed", "unpaired", "note");

    private final String baseline;
    private final List<String> sweepColumns;
    private final List<ComparisonRow> rows;

    private Comparison(String baseline, List<String> sweepColumns, List<ComparisonRow> rows) {
        this.baseline = baseline;
        this.sweepColumns = List.copyOf(sweepColumns);
        this.rows = List.copyOf(rows);
    }

    /**
     * Reads {@code resultDir/runs.csv} and writes {@code resultDir/comparison.csv}.
     *
     * @param baseline the policy to compare against; empty: the first policy of runs.csv
     * @return the comparison written, for its warnings
     * @throws ResultFileException if runs.csv is missing or malformed
     */
    public static Comparison write(Path resultDir, Optional<String> baseline) {
        ResultCsv runs = ResultCsv.read(resultDir.resolve(RUNS_FILE), RUNS_LAYOUT);
        Comparison comparison = of(runs, baseline);
        TextFiles.write(resultDir.resolve(FILE), comparison.csv());
        return comparison;
    }

    /**
     * The comparison of a checked runs.csv against {@code baseline} (empty: its first policy). A baseline without a
     * run at a grid point (a shard's slice, a policy not run) gives rows that say so; checking that a requested
     * baseline is one of the policies run is the command's job, before any work.
     */
    static Comparison of(ResultCsv runs, Optional<String> baseline) {
        List<String> policies = policies(runs);
        String chosen = baseline.orElse(policies.isEmpty() ? "" : policies.get(0));
        List<String> sweep = ResultColumns.sweepColumns(runs.columns(), RUNS_REQUIRED, RUNS_OPTIONAL);
        List<String> metrics = METRICS.stream().filter(m -> hasAnyValue(runs, m)).toList();
        Map<GroupKey, IntList> groups = Summary.groups(runs, sweep);
        List<ComparisonRow> rows = new ArrayList<>();
        for (Map.Entry<GroupKey, IntList> group : groups.entrySet()) {
            GroupKey key = group.getKey();
            if (key.policy().equals(chosen)) {
                continue;
            }
            IntList base = groups.get(new GroupKey(key.point(), chosen));
            for (String metric : metrics) {
                rows.add(compare(runs, key, chosen, metric, group.getValue(), base));
            }
        }
        return new Comparison(chosen, sweep, rows);
    }

    private static boolean hasAnyValue(ResultCsv runs, String column) {
        if (!runs.has(column)) {
            return false;
        }
        for (int row = 0; row < runs.rowCount(); row++) {
            if (!Double.isNaN(runs.number(row, column))) {
                return true;
            }
        }
        return false;
    }

    static List<String> policies(ResultCsv runs) {
        Set<String> policies = new LinkedHashSet<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            policies.add(runs.text(row, POLICY));
        }
        return List.copyOf(policies);
    }

    private static ComparisonRow compare(ResultCsv runs, GroupKey key, String baseline, String metric, IntList rows,
                                         IntList baseRows) {
        if (baseRows == null) {
            return ComparisonRow.refused(key, baseline, metric, "not compared: the baseline has no run at this grid point");
        }
        Map<String, Integer> mine = byReplication(runs, rows);
        Map<String, Integer> theirs = byReplication(runs, baseRows);
        if (mine == null || theirs == null) {
            return ComparisonRow.refused(key, baseline, metric,
                    "not compared: a replication appears twice (merge each shard once)");
        }
        DoubleList policyValues = new DoubleArrayList();
        DoubleList baseValues = new DoubleArrayList();
        Unpaired unpaired = new Unpaired(metric);
        for (Map.Entry<String, Integer> run : mine.entrySet()) {
            Integer other = theirs.get(run.getKey());
            if (other == null) {
                unpaired.add("the baseline has no replication " + run.getKey());
                continue;
            }
            String seed = runs.text(run.getValue(), "seed");
            String baseSeed = runs.text(other, "seed");
            if (!seed.equals(baseSeed)) {
                return ComparisonRow.refused(key, baseline, metric, "not compared: replication " + run.getKey()
                        + " has seed " + seed + " but the baseline's has " + baseSeed
                        + ", so the runs did not share random numbers");
            }
            double value = runs.number(run.getValue(), metric);
            double baseValue = runs.number(other, metric);
            if (Double.isNaN(value) || Double.isNaN(baseValue)) {
                unpaired.missing(runs, run.getValue(), other);
                continue;
            }
            policyValues.add(value);
            baseValues.add(baseValue);
        }
        PairedDiff stats = PairedDiff.of(policyValues, baseValues);
        return new ComparisonRow(key, baseline, metric, Optional.of(stats), unpaired.count(), unpaired.note(stats));
    }

    /** Replication -> row, in row order; null when a replication appears twice. */
    private static Map<String, Integer> byReplication(ResultCsv runs, IntList rows) {
        Map<String, Integer> byReplication = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (byReplication.put(runs.text(rows.getInt(i), REPLICATION).strip(), rows.getInt(i)) != null) {
                return null;
            }
        }
        return byReplication;
    }

    /** The pairs left out of one comparison and why, counted per reason in first-seen order. */
    private static final class Unpaired {
        private final String metric;
        private final Map<String, Integer> reasons = new LinkedHashMap<>();
        private int count;

        Unpaired(String metric) {
            this.metric = metric;
        }

        void add(String reason) {
            count++;
            reasons.merge(reason, 1, Integer::sum);
        }

        void missing(ResultCsv runs, int row, int baseRow) {
            boolean unfinished = metric.equals(RETRAIN_TIME_SEC)
                    && !(runs.flag(row, FINISHED) && runs.flag(baseRow, FINISHED));
            add(unfinished ? "the job did not finish in one of the two runs"
                    : metric.startsWith("lc_") ? "no LC request in the window of one of the two runs"
                    : "no value in one of the two runs");
        }

        int count() {
            return count;
        }

        String note(PairedDiff stats) {
            List<String> parts = new ArrayList<>();
            reasons.forEach((reason, n) -> parts.add(n + " pair(s) left out: " + reason));
            if (stats.n() == 1) {
                parts.add("one pair: no CI");
            } else if (stats.n() == 0) {
                parts.add("no pair with a value on both sides");
            }
            if (stats.replicationsNeeded() < 0) {
                parts.add("mean difference 0: no number of replications narrows the CI to a fraction of it");
            }
            return String.join("; ", parts);
        }
    }

    String baseline() {
        return baseline;
    }

    List<String> sweepColumns() {
        return sweepColumns;
    }

    List<ComparisonRow> rows() {
        return rows;
    }

    /** The text of comparison.csv. */
    String csv() {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(sweepColumns);
        CsvText csv = new CsvText().row(header);
        rows.forEach(row -> csv.row(row.cells(Numbers::exact)));
        return csv.toString();
    }

    /**
     * One line per wide CI or refused comparison, in comparison.csv's row order; empty when every CI is narrow
     * enough and every comparison was made. For stderr and the report page.
     */
    public List<String> warnings() {
        List<String> all = new ArrayList<>();
        for (ComparisonRow row : rows) {
            row.warning(sweepColumns).ifPresent(all::add);
        }
        return all;
    }
}
