package io.deepedge.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import it.unimi.dsi.fastutil.ints.IntList;
import java.awt.Color;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of a metric against the first swept parameter, one line per policy, each point the mean over
 * replications with its 95 % Student-t CI drawn as a translucent band (numeric axis) or as error bars (category
 * axis); with more swept parameters, one chart per combination of the others' values. Numeric sweep values get a
 * numeric axis in ascending order, others a category axis in grid order. Means and CIs come from runs.csv with
 * summary.csv's rules (re-training time over finished runs only).
 */
final class SweepFigures {
    /** Band fill opacity (0-255): the lines stay readable where bands of several policies overlap. */
    private static final int BAND_ALPHA = 50;

    private final SummaryView summary;
    private final List<String> shortNames;
    private final Map<GroupKey, IntList> groups;
    private final ResultCsv runs;

    private SweepFigures(SummaryView summary, ResultCsv runs) {
        this.summary = summary;
        this.runs = runs;
        this.shortNames = GroupKey.shortNames(summary.sweepColumns());
        this.groups = Summary.groups(runs, ResultColumns.sweepColumns(runs.columns(), ResultColumns.RUNS_REQUIRED,
                ResultColumns.RUNS_OPTIONAL));
    }

    /** The sweep charts; none without a sweep. */
    static List<FigureSet.Drawn> draw(FigureSource.Inputs inputs) {
        SummaryView summary = inputs.summary();
        if (summary.sweepColumns().isEmpty()) {
            return List.of();
        }
        SweepFigures figures = new SweepFigures(summary, inputs.runs());
        List<FigureSet.Drawn> drawn = new ArrayList<>();
        figures.panels("sweep_retrain_time", "Re-training time", "mean re-training time (s)",
                figures.metric(ResultColumns.RETRAIN_TIME_SEC, true), ReportText.SWEEP_RETRAIN, drawn);
        figures.panels("sweep_miss_rate", "LC deadline-miss rate", "mean deadline-miss rate (fraction of requests)",
                figures.metric(ResultColumns.LC_MISS_RATE, false), ReportText.SWEEP_MISS_RATE, drawn);
        figures.panels("sweep_p99_latency", "p99 LC latency", "mean p99 latency (ms)",
                figures.metric(ResultColumns.LC_P99_MS, false), ReportText.SWEEP_P99, drawn);
        if (inputs.runs().has(ResultColumns.COLOC_SLO_VIOLATIONS)) {
            figures.panels("sweep_coloc_slo_violations", "Broken SLOs under co-location",
                    "mean service instances whose co-located SLO broke (count)",
                    figures.metric(ResultColumns.COLOC_SLO_VIOLATIONS, false), ReportText.SWEEP_COLOC_SLO, drawn);
        }
        return drawn;
    }

    /** Mean and CI of a runs.csv column per (grid point, policy); {@code finishedOnly} for the re-training time. */
    private Function<GroupKey, MeanCi> metric(String column, boolean finishedOnly) {
        return key -> {
            IntList rows = groups.get(key);
            if (rows == null) {
                return MeanCi.of(new it.unimi.dsi.fastutil.doubles.DoubleArrayList());
            }
            return MeanCi.of(Summary.values(runs, finishedOnly ? Summary.finishedRows(runs, rows) : rows, column));
        };
    }

    private void panels(String name, String metric, String yTitle, Function<GroupKey, MeanCi> value,
                        String caption, List<FigureSet.Drawn> out) {
        Map<List<String>, List<String>> panels = xValuesByOtherValues();
        int index = 0;
        for (Map.Entry<List<String>, List<String>> panel : panels.entrySet()) {
            index++;
            String file = panels.size() == 1 ? name : name + "_" + index;
            String title = metric + " vs " + shortNames.get(0) + otherLabel(panel.getKey());
            chart(title, yTitle, panel.getKey(), panel.getValue(), value)
                    .ifPresent(chart -> out.add(new FigureSet.Drawn(file, chart, caption)));
        }
    }

    /** For each combination of the second and later sweep values, the first sweep values seen with it. */
    private Map<List<String>, List<String>> xValuesByOtherValues() {
        Map<List<String>, LinkedHashSet<String>> panels = new LinkedHashMap<>();
        for (List<String> point : summary.points()) {
            panels.computeIfAbsent(point.subList(1, point.size()), k -> new LinkedHashSet<>()).add(point.get(0));
        }
        Map<List<String>, List<String>> ordered = new LinkedHashMap<>();
        panels.forEach((others, xs) -> ordered.put(List.copyOf(others), sortedIfNumeric(List.copyOf(xs))));
        return ordered;
    }

    private Optional<Chart<?, ?>> chart(String title, String yTitle, List<String> others, List<String> xs,
                                        Function<GroupKey, MeanCi> value) {
        Map<String, MeanCi[]> series = series(others, xs, value);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        String xTitle = summary.sweepColumns().get(0) + " (swept value)";
        if (xs.stream().allMatch(SweepFigures::isNumber)) {
            XYChart chart = ChartStyle.lines(title, xTitle, yTitle, series.size());
            double[] x = xs.stream().mapToDouble(Double::parseDouble).toArray();
            Color[] palette = chart.getStyler().getSeriesColors();
            int index = 0;
            for (Map.Entry<String, MeanCi[]> line : series.entrySet()) {
                // colours are set here, not left to the theme at paint time, so the band can share its line's
                Color color = palette[index++ % palette.length];
                XYSeries drawn = chart.addSeries(line.getKey(), x, means(line.getValue()));
                drawn.setLineColor(color);
                drawn.setMarkerColor(color);
                band(chart, line.getKey(), x, line.getValue(), color);
            }
            return Optional.of(chart);
        }
        CategoryChart chart = ChartStyle.categoryLines(title, xTitle, yTitle, series.size());
        ChartStyle.tiltIfCrowded(chart.getStyler(), xs);
        series.forEach((policy, stats) -> chart.addSeries(policy, xs, Arrays.stream(means(stats)).boxed().toList(),
                Arrays.stream(stats).map(s -> Double.isFinite(s.ci95()) ? s.ci95() : 0.0).toList()));
        return Optional.of(chart);
    }

    /**
     * The CI band of one line: a polygon along mean + ci95 then back along mean - ci95, over the x values where
     * both are known, filled with the line's colour, translucent, and kept out of the legend.
     */
    private static void band(XYChart chart, String policy, double[] x, MeanCi[] stats, Color lineColor) {
        List<Double> bx = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(stats[i].mean()) && Double.isFinite(stats[i].ci95())) {
                bx.add(x[i]);
                upper.add(stats[i].mean() + stats[i].ci95());
                lower.add(stats[i].mean() - stats[i].ci95());
            }
        }
        if (bx.size() < 2) {
            return;
        }
        List<Double> px = new ArrayList<>(bx);
        List<Double> py = new ArrayList<>(upper);
        for (int i = bx.size() - 1; i >= 0; i--) {
            px.add(bx.get(i));
            py.add(lower.get(i));
        }
        XYSeries band = chart.addSeries(policy + " 95 % CI", px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
        Color color = lineColor;
        band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
        band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
    }

    private static double[] means(MeanCi[] stats) {
        return Arrays.stream(stats).mapToDouble(MeanCi::mean).toArray();
    }

    /** Per policy with at least one value, the statistics at each x (NaN where the grid point has no value). */
    private Map<String, MeanCi[]> series(List<String> others, List<String> xs, Function<GroupKey, MeanCi> value) {
        Map<String, MeanCi[]> series = new LinkedHashMap<>();
        for (String policy : summary.policies()) {
            MeanCi[] stats = new MeanCi[xs.size()];
            for (int i = 0; i < xs.size(); i++) {
                List<String> point = new ArrayList<>(List.of(xs.get(i)));
                point.addAll(others);
                stats[i] = value.apply(new GroupKey(point, policy));
            }
            if (Arrays.stream(stats).anyMatch(s -> Double.isFinite(s.mean()))) {
                series.put(policy, stats);
            }
        }
        return series;
    }

    private String otherLabel(List<String> others) {
        if (others.isEmpty()) {
            return "";
        }
        StringJoiner label = new StringJoiner(", ", " (", ")");
        for (int i = 0; i < others.size(); i++) {
            label.add(shortNames.get(i + 1) + "=" + others.get(i));
        }
        return label.toString();
    }

    private static List<String> sortedIfNumeric(List<String> xs) {
        if (!xs.stream().allMatch(SweepFigures::isNumber)) {
            return xs;
        }
        List<String> sorted = new ArrayList<>(xs);
        sorted.sort(Comparator.comparingDouble(Double::parseDouble));
        return List.copyOf(sorted);
    }

    private static boolean isNumber(String text) {
        try {
            return Double.isFinite(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
