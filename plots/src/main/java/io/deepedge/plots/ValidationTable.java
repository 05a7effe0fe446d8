package io.deepedge.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * validation.csv and the figures read from it: its columns, its text, and the per-metric median and largest
 * |relative error| the terminal line and the report's first table show.
 */
final class ValidationTable {
    /**
     * The contract's columns ({@code policy, metric, sim_mean, real_mean, rel_error}), each side's CI half-width
     * and count of runs with a value, {@code abs_error = sim_mean - real_mean}, the service instance of a
     * per-instance metric, and each side's median over its runs with {@code median_rel_error} between them; the
     * 95 % CI half-width of the difference of the means ({@code diff_ci95}, Welch) and whether the difference lies
     * inside it ({@code consistent}: true/false, empty when a side has fewer than two runs); each side's spread over
     * its runs ({@code sim_cv}, {@code real_cv}: standard deviation / |mean|, empty with fewer than two runs or a zero
     * mean); the runs both sides made with the same replication and seed ({@code same_seed_runs}), in how many of
     * them the simulated value is the larger ({@code sim_above}) and the smaller ({@code sim_below}), and the exact
     * two-sided sign test of the two counts ({@code sign_test_p}, empty when no pair differs); the 95 % confidence
     * interval of {@code rel_error} ({@code rel_error_lo}, {@code rel_error_hi}: Fieller's, see
     * {@link ValidationRow#relErrorCi95()}; both empty when a side has fewer than two runs or the real mean is not
     * told apart from zero); the same interval at the Bonferroni level that holds for all of the metric's rows at
     * once ({@code joint_rows}: the metric's rows with a relative error, k; {@code rel_error_lo_joint},
     * {@code rel_error_hi_joint}: each row's interval at confidence 1 - 0.05 / k, see {@link ErrorBounds}); the sweep
     * columns follow.
     */
    static final List<String> COLUMNS = List.of("policy", "metric", "sim_mean", "real_mean", "rel_error", "sim_ci95",
            "real_ci95", "sim_runs", "real_runs", "abs_error", "service", "device", "sim_median", "real_median",
            "median_rel_error", "diff_ci95", "consistent", "sim_cv", "real_cv", "same_seed_runs", "sim_above",
            "sim_below", "sign_test_p", "rel_error_lo", "rel_error_hi", "joint_rows", "rel_error_lo_joint",
            "rel_error_hi_joint");
    /** The confidence all of a metric's rows' intervals hold at together (Bonferroni over its rows). */
    static final double JOINT_CONFIDENCE = 0.95;

    private ValidationTable() {
    }

    static String csv(Validation validation) {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(validation.sweepColumns());
        CsvText csv = new CsvText().row(header);
        Map<ValidationMetric, Integer> jointRows = jointRows(validation.rows());
        for (ValidationRow r : validation.rows()) {
            csv.row(cells(r, jointRows, Numbers::exact));
        }
        return csv.toString();
    }

    /**
     * Per metric, its rows with a relative error: the k of the Bonferroni level its rows' joint intervals are taken
     * at.
     */
    static Map<ValidationMetric, Integer> jointRows(List<ValidationRow> rows) {
        Map<ValidationMetric, Integer> k = new LinkedHashMap<>();
        rows.stream().filter(ValidationRow::hasRelError).forEach(r -> k.merge(r.metric(), 1, Integer::sum));
        return k;
    }

    /** Each row's confidence so that all {@code rows} intervals hold together at {@link #JOINT_CONFIDENCE}. */
    static double bonferroniConfidence(int rows) {
        return 1 - (1 - JOINT_CONFIDENCE) / rows;
    }

    /**
     * The row's cells in {@link #COLUMNS} order then its grid point, numbers written by {@code number};
     * {@code jointRows} from {@link #jointRows} over the validation's rows.
     */
    static List<String> cells(ValidationRow r, Map<ValidationMetric, Integer> jointRows,
                              java.util.function.DoubleFunction<String> number) {
        RelErrorCi relCi = r.relErrorCi95();
        Integer k = jointRows.get(r.metric());
        RelErrorCi jointCi = k == null ? RelErrorCi.UNDEFINED : r.relErrorCi(bonferroniConfidence(k));
        List<String> cells = new ArrayList<>(List.of(r.policy(), r.metric().id, number.apply(r.sim().mean()),
                number.apply(r.real().mean()), number.apply(r.relError()), number.apply(r.sim().ci95()),
                number.apply(r.real().ci95()), Integer.toString(r.sim().n()), Integer.toString(r.real().n()),
                number.apply(r.absError()), r.service(), r.device(), number.apply(r.sim().median()),
                number.apply(r.real().median()), number.apply(r.medianRelError()), number.apply(r.diffCi95()),
                r.consistent().map(String::valueOf).orElse(""), number.apply(r.sim().cv()),
                number.apply(r.real().cv()), Integer.toString(r.sameSeed().pairs()),
                Integer.toString(r.sameSeed().simAbove()), Integer.toString(r.sameSeed().simBelow()),
                number.apply(r.sameSeed().signTestP()), number.apply(relCi.lo()),
                number.apply(relCi.hi()), k == null ? "" : Integer.toString(k), number.apply(jointCi.lo()),
                number.apply(jointCi.hi())));
        cells.addAll(r.point());
        return cells;
    }

    /**
     * Per metric with rows: its rows, those with a relative error, their median and largest |relative error|, and
     * the same over the rows' {@code median_rel_error}.
     *
     * @param rows rows of the metric
     * @param defined rows with a relative error
     * @param median median |relative error| (NaN when none is defined)
     * @param max largest |relative error| (NaN when none is defined)
     * @param medianOfMedians median |median_rel_error| (NaN when none is defined)
     * @param maxOfMedians largest |median_rel_error| (NaN when none is defined)
     * @param tested rows with a {@code consistent} verdict
     * @param consistent rows whose difference lies inside its 95 % CI
     * @param medianRelDiffCi median of {@code diff_ci95 / |real_mean|} over the rows with both (NaN when none): the
     *        relative error these runs can resolve
     * @param medianSimCv median of the rows' {@code sim_cv} (NaN when none): how far the twin's runs lie apart
     * @param medianRealCv the same of {@code real_cv}: how far the real runs lie apart
     * @param sameSeed the rows' same-seed pairs together (each row's runs taken as apart from the other rows')
     * @param bounds where the median and the largest |relative error| lie given each row's 95 % interval
     * @param jointBounds the same with every row's interval at the Bonferroni level: they hold together at 95 %
     */
    record MetricError(ValidationMetric metric, int rows, int defined, double median, double max,
                       double medianOfMedians, double maxOfMedians, int tested, int consistent,
                       double medianRelDiffCi, double medianSimCv, double medianRealCv, SameSeedPairs sameSeed,
                       ErrorBounds bounds, ErrorBounds jointBounds) {
        /** The runs each side needs, at the median spreads, for the relative error's interval to be +/- tolerance. */
        RunsToResolve runsToResolve(double tolerance) {
            return RunsToResolve.of(medianSimCv, medianRealCv, tolerance);
        }
    }

    /**
     * How far the median and the largest |relative error| over a metric's rows may lie, each row's |relative error|
     * taken anywhere in its interval ({@link RelErrorCi#absLo()} to {@link RelErrorCi#absHi()}): both are monotone in
     * every row's value, so they lie between their values at the rows' least and at their largest |errors|. A target
     * on the median or the worst |error| is met by these runs when it is at least the upper bound, missed when below
     * the lower one, and beyond what they resolve between the two.
     *
     * <p>With each row's 95 % interval ({@link #of}) that is a reading row by row: each interval misses its row's
     * true error one time in twenty, so over k rows one of them misses up to k times as often, and a "missed" read
     * off the largest lower end (one row's interval above the target) is that much less sure. With each row's
     * interval at 1 - 0.05 / k ({@link #jointly}, Bonferroni) all k hold together at least 95 % of the time whatever
     * their dependence, and so do both bounds: a target met or missed by these is met or missed at 95 %. NaN when a
     * row with a relative error has no interval (a side with one run); +inf upper bounds where a row is unbounded.
     */
    record ErrorBounds(double medianLo, double medianHi, double maxLo, double maxHi) {
        static final ErrorBounds NONE = new ErrorBounds(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** Over each row's 95 % interval. */
        static ErrorBounds of(List<ValidationRow> rows) {
            return at(withRelError(rows), ValidationRow.CONFIDENCE);
        }

        /** Over each row's interval at the Bonferroni level of the rows with a relative error: jointly 95 %. */
        static ErrorBounds jointly(List<ValidationRow> rows) {
            List<ValidationRow> defined = withRelError(rows);
            return defined.isEmpty() ? NONE : at(defined, bonferroniConfidence(defined.size()));
        }

        private static List<ValidationRow> withRelError(List<ValidationRow> rows) {
            return rows.stream().filter(ValidationRow::hasRelError).toList();
        }

        /** Over the intervals at {@code confidence} of {@code rows}, every one with a relative error. */
        private static ErrorBounds at(List<ValidationRow> rows, double confidence) {
            List<RelErrorCi> intervals = rows.stream().map(r -> r.relErrorCi(confidence)).toList();
            if (intervals.isEmpty() || intervals.stream().anyMatch(ci -> !ci.defined())) {
                return NONE;
            }
            double[] lows = intervals.stream().mapToDouble(RelErrorCi::absLo).sorted().toArray();
            double[] highs = intervals.stream().mapToDouble(RelErrorCi::absHi).sorted().toArray();
            return new ErrorBounds(median(lows), median(highs), largest(lows), largest(highs));
        }

        boolean defined() {
            return !Double.isNaN(medianLo);
        }
    }

    static List<MetricError> errors(List<ValidationRow> rows) {
        Map<ValidationMetric, List<ValidationRow>> byMetric = new LinkedHashMap<>();
        for (ValidationMetric m : ValidationMetric.values()) {
            for (ValidationRow r : rows) {
                if (r.metric() == m) {
                    byMetric.computeIfAbsent(m, k -> new ArrayList<>()).add(r);
                }
            }
        }
        List<MetricError> errors = new ArrayList<>();
        byMetric.forEach((metric, metricRows) -> {
            double[] abs = absSorted(metricRows, ValidationRow::relError);
            double[] absOfMedians = absSorted(metricRows, ValidationRow::medianRelError);
            List<java.util.Optional<Boolean>> verdicts = metricRows.stream().map(ValidationRow::consistent).toList();
            int tested = (int) verdicts.stream().filter(java.util.Optional::isPresent).count();
            int consistent = (int) verdicts.stream().filter(v -> v.orElse(false)).count();
            double[] relCi = absSorted(metricRows, r -> r.real().mean() == 0 ? Double.NaN
                    : r.diffCi95() / r.real().mean());
            errors.add(new MetricError(metric, metricRows.size(), abs.length, median(abs), largest(abs),
                    median(absOfMedians), largest(absOfMedians), tested, consistent, median(relCi),
                    median(absSorted(metricRows, r -> r.sim().cv())),
                    median(absSorted(metricRows, r -> r.real().cv())),
                    metricRows.stream().map(ValidationRow::sameSeed).reduce(SameSeedPairs.NONE, SameSeedPairs::plus),
                    ErrorBounds.of(metricRows), ErrorBounds.jointly(metricRows)));
        });
        return errors;
    }

    private static double[] absSorted(List<ValidationRow> rows, ToDoubleFunction<ValidationRow> error) {
        return rows.stream().mapToDouble(r -> Math.abs(error.applyAsDouble(r))).filter(e -> !Double.isNaN(e)).sorted()
                .toArray();
    }

    private static double largest(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** The median of sorted values: the middle one, or the mean of the two middle ones; NaN when empty. */
    static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String summaryLine(Validation validation) {
        List<String> parts = new ArrayList<>();
        List<String> onMedians = new ArrayList<>();
        List<String> spreads = new ArrayList<>();
        List<String> signs = new ArrayList<>();
        List<String> bounds = new ArrayList<>();
        List<String> jointBounds = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        double tolerance = validation.resolveTolerance();
        for (MetricError e : errors(validation.rows())) {
            RunsToResolve needed = e.runsToResolve(tolerance);
            if (needed.sim() != RunsToResolve.UNKNOWN || needed.real() != RunsToResolve.UNKNOWN) {
                runs.add(e.metric().id + " " + needed.text());
            }
            if (e.bounds().defined()) {
                bounds.add(e.metric().id + " " + ranges(e.bounds()));
            }
            if (e.jointBounds().defined()) {
                jointBounds.add(e.metric().id + " " + ranges(e.jointBounds()));
            }
            SameSeedPairs pairs = e.sameSeed();
            if (pairs.pairs() > 0) {
                signs.add(e.metric().id + " " + pairs.simAbove() + " of " + pairs.pairs()
                        + (Double.isNaN(pairs.signTestP()) ? "" : String.format(Locale.ROOT, " (p %.2g)",
                        pairs.signTestP())));
            }
            if (!Double.isNaN(e.medianSimCv()) && !Double.isNaN(e.medianRealCv())) {
                spreads.add(e.metric().id + " " + percent(e.medianSimCv()) + "/" + percent(e.medianRealCv()));
            }
            parts.add(e.defined() == 0 ? e.metric().id + " n/a"
                    : e.metric().id + " " + percent(e.median()) + "/" + percent(e.max())
                    + (e.defined() < e.rows() ? " (" + e.defined() + " of " + e.rows() + " rows)" : "")
                    + (e.tested() == 0 ? "" : " [" + e.consistent() + " of " + e.tested() + " within the difference's"
                    + " 95% CI" + (Double.isNaN(e.medianRelDiffCi()) ? "" : ", median +/-"
                    + percent(e.medianRelDiffCi())) + "]"));
            if (!Double.isNaN(e.medianOfMedians())) {
                onMedians.add(e.metric().id + " " + percent(e.medianOfMedians()) + "/" + percent(e.maxOfMedians()));
            }
        }
        return "validation |rel error| median/max: " + String.join(", ", parts)
                + (onMedians.isEmpty() ? "" : "; on the runs' medians: " + String.join(", ", onMedians))
                + (spreads.isEmpty() ? "" : "; the runs' spread (median sd/mean) sim/real: "
                + String.join(", ", spreads))
                + (signs.isEmpty() ? "" : "; sim above real in same-seed runs: " + String.join(", ", signs))
                + (bounds.isEmpty() ? "" : "; |rel error| median/max within the rows' 95% CIs: "
                + String.join(", ", bounds))
                + (jointBounds.isEmpty() ? "" : "; jointly at 95% (Bonferroni over each metric's rows): "
                + String.join(", ", jointBounds))
                + (runs.isEmpty() ? "" : "; runs a cell to resolve +/-" + percent(tolerance)
                + " at 95% (sim/real, at the median spread): " + String.join(", ", runs));
    }

    /** {@code medianLo-medianHi/maxLo-maxHi} in per cent. */
    private static String ranges(ErrorBounds b) {
        return range(b.medianLo(), b.medianHi()) + "/" + range(b.maxLo(), b.maxHi());
    }

    /** {@code lo-hi} in per cent, an infinite upper end as "unbounded". */
    static String range(double lo, double hi) {
        return String.format(Locale.ROOT, "%.1f-", 100 * lo)
                + (Double.isInfinite(hi) ? "unbounded" : percent(hi));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
