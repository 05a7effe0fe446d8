package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a result directory's {@code summary.csv} from its {@code runs.csv}: one row per grid point and
 * policy, with means and 95 % confidence half-widths over replications.
 *
 * <p>Rows come in first-appearance order of (grid point, policy) in runs.csv. Columns: {@code policy, runs,
 * finished, retrain_time_sec_mean, retrain_time_sec_ci95, lc_miss_rate_mean, lc_miss_rate_ci95,
 * lc_p99_ms_mean, lc_p95_ms_mean, plan_time_ms_mean, devices_used_mean, work_lost_sec_mean, slo_violations_mean,
 * lc_runs, finished_fraction, retrain_time_sec_mean_censored_lb, coloc_slo_violations_mean, lc_unfinished_mean}
 * (each of {@code slo_violations_mean}, the censored mean and the last two empty when runs.csv lacks its
 * column), then runs.csv's sweep columns with the grid point's values. {@code runs} counts the rows of the
 * group, {@code finished} those with {@code finished=true}, {@code finished_fraction} is their share, and
 * {@code lc_runs} counts those with an {@code lc_miss_rate} (runs that judged at least one LC request: the runs
 * the {@code lc_*} means are over).
 *
 * <ul>
 *   <li>Re-training time statistics are over finished runs with a value; empty when there are none. So that a
 *       policy whose runs often fail to finish is not flattered, {@code finished_fraction} stands next to the
 *       mean and {@code retrain_time_sec_mean_censored_lb} is the mean over every run of
 *       {@code retrain_time_sec_lb} (an unfinished run counted at the horizon): a lower bound of the true mean
 *       when some run did not finish.</li>
 *   <li>Every other statistic is over all runs of the group whose cell is not empty.</li>
 *   <li>{@code _ci95} is {@code t(0.975, n-1) * s / sqrt(n)} (Student t, sample standard deviation s), empty
 *       when fewer than two values exist.</li>
 *   <li>Numbers are written with {@code Numbers.exact}: Java's round-trip digits, no exponent, no trailing
 *       zeros, {@code .} as decimal separator whatever the locale. Identical input gives identical bytes.</li>
 * </ul>
 * A sweep column is any column of runs.csv that is neither required by the contract nor one of its optional
 * columns ({@link ResultColumns#RUNS_OPTIONAL}).
 */
public final class Summary {
    private Summary() {
    }

    /**
     * Reads {@code resultDir/runs.csv} and writes {@code resultDir/summary.csv}.
     *
     * @return the file written
     * @throws ResultFileException if runs.csv is missing or malformed: a missing required column, a cell that
     *         is not of its column's type, a row with the wrong number of cells, bytes that are not UTF-8 (each
     *         problem names the file, line and column); nothing is written then
     * @throws java.io.UncheckedIOException if summary.csv cannot be written
     */
    public static Path write(Path resultDir) {
        ResultCsv runs = ResultCsv.read(resultDir.resolve(RUNS_FILE), RUNS_LAYOUT);
        Path summary = resultDir.resolve(SUMMARY_FILE);
        TextFiles.write(summary, render(runs));
        return summary;
    }

    /** The text of summary.csv for a checked runs.csv. */
    static String render(ResultCsv runs) {
        List<String> sweep = sweepColumns(runs.columns(), RUNS_REQUIRED, RUNS_OPTIONAL);
        List<String> header = new ArrayList<>(SUMMARY_STATS);
        header.addAll(sweep);
        CsvText csv = new CsvText().row(header);
        for (Map.Entry<GroupKey, IntList> group : groups(runs, sweep).entrySet()) {
            csv.row(row(runs, group.getKey(), group.getValue()));
        }
        return csv.toString();
    }

    /** The row indexes of each (grid point, policy) of runs.csv, in first-appearance order. */
    static Map<GroupKey, IntList> groups(ResultCsv runs, List<String> sweepColumns) {
        Map<GroupKey, IntList> groups = new LinkedHashMap<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            String policy = runs.text(row, POLICY);
            GroupKey key = new GroupKey(runs.texts(row, sweepColumns), policy);
            groups.computeIfAbsent(key, k -> new IntArrayList()).add(row);
        }
        return groups;
    }

    private static List<String> row(ResultCsv runs, GroupKey key, IntList rows) {
        IntList finished = finishedRows(runs, rows);
        MeanCi retrain = MeanCi.of(values(runs, finished, RETRAIN_TIME_SEC));
        MeanCi missRate = MeanCi.of(values(runs, rows, LC_MISS_RATE));
        List<String> cells = new ArrayList<>(List.of(key.policy(), Integer.toString(rows.size()),
                Integer.toString(finished.size()), Numbers.exact(retrain.mean()), Numbers.exact(retrain.ci95()),
                Numbers.exact(missRate.mean()), Numbers.exact(missRate.ci95()),
                mean(runs, rows, LC_P99_MS), mean(runs, rows, LC_P95_MS), mean(runs, rows, PLAN_TIME_MS),
                mean(runs, rows, DEVICES_USED), mean(runs, rows, WORK_LOST_SEC),
                meanIfPresent(runs, rows, SLO_VIOLATIONS), Integer.toString(missRate.n()),
                Numbers.exact((double) finished.size() / rows.size()), meanIfPresent(runs, rows, RETRAIN_TIME_LB_SEC),
                meanIfPresent(runs, rows, COLOC_SLO_VIOLATIONS), meanIfPresent(runs, lcRows(runs, rows), LC_UNFINISHED)));
        cells.addAll(key.point());
        return cells;
    }

    /** The column's mean, or an empty cell when runs.csv (written by an earlier version) lacks the column. */
    private static String meanIfPresent(ResultCsv runs, IntList rows, String column) {
        return runs.columns().contains(column) ? mean(runs, rows, column) : "";
    }

    /**
     * Those of {@code rows} with an {@code lc_miss_rate}: the runs that judged at least one LC request, which the
     * {@code lc_*} means are over (a run without one has its {@code lc_unfinished} 0, not a value to average).
     */
    static IntList lcRows(ResultCsv runs, IntList rows) {
        IntList judged = new IntArrayList();
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(runs.number(rows.getInt(i), LC_MISS_RATE))) {
                judged.add(rows.getInt(i));
            }
        }
        return judged;
    }

    /** Those of {@code rows} whose {@code finished} cell is {@code true}. */
    static IntList finishedRows(ResultCsv runs, IntList rows) {
        IntList finished = new IntArrayList();
        for (int i = 0; i < rows.size(); i++) {
            if (runs.flag(rows.getInt(i), FINISHED)) {
                finished.add(rows.getInt(i));
            }
        }
        return finished;
    }

    private static String mean(ResultCsv runs, IntList rows, String column) {
        return Numbers.exact(MeanCi.of(values(runs, rows, column)).mean());
    }

    /** The column's numbers in the given rows, NaN for empty cells. */
    static DoubleList values(ResultCsv csv, IntList rows, String column) {
        DoubleList values = new DoubleArrayList(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            values.add(csv.number(rows.getInt(i), column));
        }
        return values;
    }
}
