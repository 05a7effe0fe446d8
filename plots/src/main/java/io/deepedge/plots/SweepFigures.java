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
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Line charts of a metric against the first swept parameter, one line per policy; with more swept parameters,
 * one chart per combination of the others' values. Numeric sweep values get a numeric axis in ascending order,
 * others a category axis in grid order.
 */
final class SweepFigures {
    private final SummaryView summary;
    private final List<String> shortNames;

    private SweepFigures(SummaryView summary) {
        this.summary = summary;
        this.shortNames = GroupKey.shortNames(summary.sweepColumns());
    }

    /** The sweep charts of {@code summary}; none without a sweep. */
    static List<FigureSet.Drawn> draw(SummaryView summary) {
        if (summary.sweepColumns().isEmpty()) {
            return List.of();
        }
        SweepFigures figures = new SweepFigures(summary);
        List<FigureSet.Drawn> drawn = new ArrayList<>();
        figures.panels("sweep_retrain_time", "Re-training time", "mean re-training time (s)",
                SummaryView.Entry::retrainMean, ReportText.SWEEP_RETRAIN, drawn);
        figures.panels("sweep_miss_rate", "LC deadline-miss rate", "mean deadline-miss rate",
                SummaryView.Entry::missRateMean, ReportText.SWEEP_MISS_RATE, drawn);
        return drawn;
    }

    private void panels(String name, String metric, String yTitle, ToDoubleFunction<SummaryView.Entry> value,
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
                                        ToDoubleFunction<SummaryView.Entry> value) {
        Map<String, double[]> series = series(others, xs, value);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        String xTitle = summary.sweepColumns().get(0);
        if (xs.stream().allMatch(SweepFigures::isNumber)) {
            XYChart chart = ChartStyle.lines(title, xTitle, yTitle, series.size());
            double[] x = xs.stream().mapToDouble(Double::parseDouble).toArray();
            series.forEach((policy, ys) -> chart.addSeries(policy, x, ys));
            return Optional.of(chart);
        }
        CategoryChart chart = ChartStyle.categoryLines(title, xTitle, yTitle, series.size());
        ChartStyle.tiltIfCrowded(chart.getStyler(), xs);
        series.forEach((policy, ys) -> chart.addSeries(policy, xs, Arrays.stream(ys).boxed().toList()));
        return Optional.of(chart);
    }

    /** Per policy with at least one value, the metric at each x (NaN where the grid point has no value). */
    private Map<String, double[]> series(List<String> others, List<String> xs, ToDoubleFunction<SummaryView.Entry> value) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String policy : summary.policies()) {
            double[] ys = new double[xs.size()];
            for (int i = 0; i < xs.size(); i++) {
                List<String> point = new ArrayList<>(List.of(xs.get(i)));
                point.addAll(others);
                ys[i] = summary.entry(point, policy).map(value::applyAsDouble).orElse(Double.NaN);
            }
            if (Arrays.stream(ys).anyMatch(Double::isFinite)) {
                series.put(policy, ys);
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
