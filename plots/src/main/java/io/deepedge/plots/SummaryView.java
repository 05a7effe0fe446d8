package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a summary.csv as numbers, looked up by grid point and policy, for the charts and the report.
 *
 * @param sweepColumns summary.csv's sweep columns (those after its statistics columns), in file order
 * @param entries one per row, in file order
 */
record SummaryView(List<String> sweepColumns, List<SummaryView.Entry> entries) {
    /**
     * One summary row.
     *
     * @param key grid point and policy
     * @param finishedFraction share of the runs whose job finished
     * @param retrainMean mean re-training time over finished runs, seconds; NaN when none finished
     * @param retrainCi95 its 95 % confidence half-width; NaN when unknown
     * @param retrainCensoredLb mean re-training time with unfinished runs counted at the horizon (a lower bound);
     *                          NaN when not recorded
     * @param missRateMean mean LC deadline-miss rate, a fraction
     * @param missRateCi95 its 95 % confidence half-width; NaN when unknown
     * @param p99Mean mean of the runs' p99 LC latency, milliseconds
     * @param sloViolationsMean mean number of service instances whose SLO broke in a run; NaN when not recorded
     * @param colocSloViolationsMean the same on the co-location view; NaN when not recorded
     */
    record Entry(GroupKey key, double finishedFraction, double retrainMean, double retrainCi95,
                 double retrainCensoredLb, double missRateMean, double missRateCi95, double p99Mean,
                 double sloViolationsMean, double colocSloViolationsMean) {
    }

    SummaryView {
        sweepColumns = List.copyOf(sweepColumns);
        entries = List.copyOf(entries);
    }

    /** Reads every row of {@code summary}. */
    static SummaryView of(ResultCsv summary) {
        List<String> sweep = ResultColumns.sweepColumns(summary.columns(), SUMMARY_STATS, List.of());
        List<Entry> entries = new ArrayList<>();
        for (int row = 0; row < summary.rowCount(); row++) {
            GroupKey key = new GroupKey(summary.texts(row, sweep), summary.text(row, POLICY));
            entries.add(new Entry(key, numberIfPresent(summary, row, FINISHED_FRACTION),
                    summary.number(row, RETRAIN_MEAN), summary.number(row, RETRAIN_CI95),
                    numberIfPresent(summary, row, RETRAIN_MEAN_CENSORED_LB),
                    summary.number(row, MISS_RATE_MEAN), summary.number(row, MISS_RATE_CI95),
                    summary.number(row, P99_MEAN), numberIfPresent(summary, row, SLO_VIOLATIONS_MEAN),
                    numberIfPresent(summary, row, COLOC_SLO_VIOLATIONS_MEAN)));
        }
        return new SummaryView(sweep, entries);
    }

    /** The cell as a number, NaN when summary.csv (of an earlier version) lacks the column. */
    private static double numberIfPresent(ResultCsv summary, int row, String column) {
        return summary.columns().contains(column) ? summary.number(row, column) : Double.NaN;
    }

    /** Policies in first-appearance order. */
    List<String> policies() {
        LinkedHashSet<String> policies = new LinkedHashSet<>();
        entries.forEach(e -> policies.add(e.key().policy()));
        return List.copyOf(policies);
    }

    /** Grid points in first-appearance order (one empty point without a sweep). */
    List<List<String>> points() {
        LinkedHashSet<List<String>> points = new LinkedHashSet<>();
        entries.forEach(e -> points.add(e.key().point()));
        return List.copyOf(points);
    }

    /** The first row of {@code policy} at {@code point}, if any. */
    Optional<Entry> entry(List<String> point, String policy) {
        GroupKey key = new GroupKey(point, policy);
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }
}
