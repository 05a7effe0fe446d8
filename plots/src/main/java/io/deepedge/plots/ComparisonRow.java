package io.deepedge.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * One row of comparison.csv: a policy against the baseline on one metric at one grid point.
 *
 * @param key grid point and policy
 * @param baseline the baseline policy
 * @param metric the runs.csv column compared
 * @param stats the paired statistics; empty when the comparison was refused
 * @param unpaired replications of the policy left out (no partner or no value)
 * @param note why pairs were left out or the comparison refused; empty when every replication paired
 */
record ComparisonRow(GroupKey key, String baseline, String metric, Optional<PairedDiff> stats, int unpaired,
                     String note) {
    static ComparisonRow refused(GroupKey key, String baseline, String metric, String note) {
        return new ComparisonRow(key, baseline, metric, Optional.empty(), 0, note);
    }

    boolean wide() {
        return stats.map(PairedDiff::wide).orElse(false);
    }

    /** The row's cells in comparison.csv's column order, numbers written by {@code number}. */
    List<String> cells(DoubleFunction<String> number) {
        List<String> cells = new ArrayList<>(List.of(key.policy(), baseline, metric));
        if (stats.isEmpty()) {
            cells.addAll(List.of("", "", "0", "", "", "", "", ""));
        } else {
            PairedDiff s = stats.get();
            long needed = s.replicationsNeeded();
            cells.addAll(List.of(number.apply(s.meanDiff()), number.apply(s.ci95()), Integer.toString(s.n()),
                    number.apply(s.policyMean()), number.apply(s.baselineMean()), number.apply(s.relativeDiff()),
                    Double.isFinite(s.ci95()) ? Boolean.toString(s.wide()) : "",
                    needed > 0 ? Long.toString(needed) : ""));
        }
        cells.add(Integer.toString(unpaired));
        cells.add(note);
        cells.addAll(key.point());
        return cells;
    }

    /** A line for a wide CI or a refused comparison, naming the row; empty otherwise. */
    Optional<String> warning(List<String> sweepColumns) {
        String where = key.policy() + " vs " + baseline + ", " + metric
                + (key.point().isEmpty() ? "" : " (" + GroupKey.pointLabel(sweepColumns, key.point()) + ")");
        if (stats.isEmpty()) {
            return Optional.of(where + ": " + note);
        }
        PairedDiff s = stats.get();
        if (!s.wide()) {
            return Optional.empty();
        }
        long needed = s.replicationsNeeded();
        String advice = needed > 0 ? "about " + needed + " replications would narrow it to "
                + Numbers.rounded(100 * PairedDiff.WIDE_FRACTION) + " %" : "the mean difference is 0";
        return Optional.of(where + ": 95 % CI +-" + Numbers.rounded(s.ci95()) + " is wider than "
                + Numbers.rounded(100 * PairedDiff.WIDE_FRACTION) + " % of the mean difference "
                + Numbers.rounded(s.meanDiff()) + " over " + s.n() + " pairs; " + advice);
    }
}
