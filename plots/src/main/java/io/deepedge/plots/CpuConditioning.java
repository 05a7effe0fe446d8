package io.deepedge.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much of the twin's re-training error its training's CPU a sample explains ({@code validate}'s
 * {@code validation-cpu.csv}). A testbed's host moves: the same runs half an hour apart differed by a fifth in job time
 * on the project's machine, their devices' training CPU a sample by up to a quarter, the two together (README "Where
 * fidelity stands"). Over every same-seed pair of runs (same grid point, policy and replication on both sides) with
 * both sides' {@code train_cpu_ms_per_sample}: {@code y = ln(sim / real)} of {@code retrain_time_sec} and
 * {@code x = ln(sim / real)} of the training CPU a sample (the devices both sides name, each weighted by the samples
 * the real run's plan gave it; equally where the plan does not say), fitted {@code y = a + b x} by least squares. A
 * row's error at the real runs' CPU a sample is {@code exp(mean(y - b x)) - 1} over its pairs: what the twin's
 * re-training error would have been had its devices trained at the CPU a sample the real runs measured, with the
 * twin's own dependence of time on that cost (the slope) taken from the pairs. It separates the host's cost (and any
 * error of the twin's CPU a sample) from the rest of the model: the rounds, the quota, the synchronisation. The
 * same-seed error beside it is {@code exp(mean(y)) - 1}.
 */
final class CpuConditioning {
    static final String FILE = "validation-cpu.csv";
    /** Fewer pairs than this fit no slope worth reading. */
    static final int MIN_PAIRS = 3;
    /** A mean squared deviation of the CPU log ratios below this is none: CPU figures are not that exact. */
    private static final double NO_SPREAD = 1e-12;

    /** One same-seed pair's logs, and the row it belongs to. */
    record Pair(GroupKey row, double cpuLogRatio, double timeLogRatio) {
    }

    /** A row's pairs and their two errors. */
    record Row(GroupKey key, int pairs, double cpuLogRatio, double sameSeedRelError, double atRealCpuRelError) {
    }

    private final List<Row> rows;
    private final double slope;
    private final double intercept;
    private final double correlation;
    private final int pairs;

    private CpuConditioning(List<Row> rows, double slope, double intercept, double correlation, int pairs) {
        this.rows = List.copyOf(rows);
        this.slope = slope;
        this.intercept = intercept;
        this.correlation = correlation;
        this.pairs = pairs;
    }

    /**
     * The fit over {@code pairs}; empty with fewer than {@link #MIN_PAIRS} or when their CPU ratios are all the same
     * (no slope).
     */
    static Optional<CpuConditioning> of(List<Pair> pairs) {
        int n = pairs.size();
        if (n < MIN_PAIRS) {
            return Optional.empty();
        }
        double mx = pairs.stream().mapToDouble(Pair::cpuLogRatio).average().orElseThrow();
        double my = pairs.stream().mapToDouble(Pair::timeLogRatio).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Pair p : pairs) {
            double dx = p.cpuLogRatio() - mx;
            double dy = p.timeLogRatio() - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > NO_SPREAD * n)) {  // equal ratios leave rounding's dust, not a slope
            return Optional.empty();
        }
        double slope = sxy / sxx;
        double correlation = syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
        Map<GroupKey, List<Pair>> byRow = new LinkedHashMap<>();
        for (Pair p : pairs) {
            byRow.computeIfAbsent(p.row(), k -> new ArrayList<>()).add(p);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<GroupKey, List<Pair>> e : byRow.entrySet()) {
            List<Pair> ps = e.getValue();
            double x = ps.stream().mapToDouble(Pair::cpuLogRatio).average().orElseThrow();
            double y = ps.stream().mapToDouble(Pair::timeLogRatio).average().orElseThrow();
            rows.add(new Row(e.getKey(), ps.size(), x, Math.expm1(y), Math.expm1(y - slope * x)));
        }
        return Optional.of(new CpuConditioning(rows, slope, my - slope * mx, correlation, n));
    }

    /**
     * One pair's {@code x}: the sample-weighted mean of {@code ln(sim / real)} of the training CPU a sample over the
     * devices both cells name (weights from {@code realPlan}, equal where it names none of them); NaN when the cells
     * share no device.
     */
    static double cpuLogRatio(Map<String, Double> simCpu, Map<String, Double> realCpu, Map<String, Double> realPlan) {
        double sum = 0;
        double weights = 0;
        boolean planned = simCpu.keySet().stream().anyMatch(d -> realCpu.containsKey(d) && realPlan.containsKey(d));
        for (Map.Entry<String, Double> s : simCpu.entrySet()) {
            Double r = realCpu.get(s.getKey());
            if (r == null || !(r > 0) || !(s.getValue() > 0)) {
                continue;
            }
            double w = planned ? realPlan.getOrDefault(s.getKey(), 0.0) : 1.0;
            sum += w * Math.log(s.getValue() / r);
            weights += w;
        }
        return weights > 0 ? sum / weights : Double.NaN;
    }

    /** A plan cell's samples per device ({@code device:samples;...}); empty when it is not one. */
    static Map<String, Double> planSamples(String cell) {
        return ValidationMetric.deviceCell(cell, Double.POSITIVE_INFINITY).orElse(Map.of());
    }

    List<Row> rows() {
        return rows;
    }

    double slope() {
        return slope;
    }

    double intercept() {
        return intercept;
    }

    double correlation() {
        return correlation;
    }

    int pairs() {
        return pairs;
    }

    /** The text of {@link #FILE}: one line per (grid point, policy) with pairs, the fit repeated on each. */
    String csv(List<String> sweepColumns) {
        CsvText out = new CsvText();
        List<String> header = new ArrayList<>(List.of("policy", "pairs", "cpu_log_ratio", "rel_error_same_seed",
                "rel_error_at_real_cpu", "slope", "intercept", "correlation", "fit_pairs"));
        header.addAll(sweepColumns);
        out.row(header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.key().policy(), Integer.toString(r.pairs()),
                    Numbers.exact(r.cpuLogRatio()), Numbers.exact(r.sameSeedRelError()),
                    Numbers.exact(r.atRealCpuRelError()), Numbers.exact(slope), Numbers.exact(intercept),
                    Numbers.exact(correlation), Integer.toString(pairs)));
            cells.addAll(r.key().point());
            out.row(cells);
        }
        return out.toString();
    }

    /** The summary's clause, e.g. {@code retrain_time_sec at the real runs' training CPU a sample ...}. */
    String summary() {
        double[] same = rows.stream().mapToDouble(r -> Math.abs(r.sameSeedRelError())).sorted().toArray();
        double[] at = rows.stream().mapToDouble(r -> Math.abs(r.atRealCpuRelError())).sorted().toArray();
        return String.format(Locale.ROOT, "retrain_time_sec at the real runs' training CPU a sample (slope %.2f over %d"
                + " same-seed pairs, r %.2f): |error| median/max %.1f%%/%.1f%% (same-seed %.1f%%/%.1f%%)", slope, pairs,
                correlation, 100 * ValidationTable.median(at), 100 * at[at.length - 1],
                100 * ValidationTable.median(same), 100 * same[same.length - 1]);
    }
}
