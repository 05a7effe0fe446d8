package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleList;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The p99 latency of each LC service per policy against the service's deadline: one bar chart per service (and
 * grid point), one bar per policy and device instance, the mean over runs with its 95 % CI, and the deadline as
 * a dashed line. The co-location view's p99 ({@code coloc_p99_ms}: requests that arrived while training ran on
 * the device) is drawn when services.csv has it, the whole window's ({@code p99_ms}) otherwise; an instance never
 * co-located with training has no co-located bar.
 */
final class ServiceLatencyFigures {
    static final String NAME = "service_p99";

    private ServiceLatencyFigures() {
    }

    /** Values of one instance under one policy at one grid point. */
    private record Cell(List<String> point, String service, String device, String policy) {
    }

    static List<FigureSet.Drawn> draw(FigureSource.Inputs inputs) {
        if (inputs.services().isEmpty()) {
            return List.of();
        }
        ResultCsv s = inputs.services().get();
        boolean coloc = s.has(COLOC_P99_MS);
        String column = coloc ? COLOC_P99_MS : P99_MS;
        List<String> sweep = sweepColumns(s.columns(), SERVICES_REQUIRED, SERVICES_OPTIONAL);
        Map<Cell, DoubleList> values = new LinkedHashMap<>();
        Map<List<Object>, Double> deadlines = new LinkedHashMap<>();
        for (int row = 0; row < s.rowCount(); row++) {
            Cell cell = new Cell(s.texts(row, sweep), s.text(row, SERVICE), s.text(row, DEVICE), s.text(row, POLICY));
            values.computeIfAbsent(cell, c -> new DoubleArrayList()).add(s.number(row, column));
            if (s.has("deadline_ms")) {
                deadlines.put(List.of(cell.point(), cell.service()), s.number(row, "deadline_ms"));
            }
        }
        Map<List<Object>, List<Cell>> panels = new LinkedHashMap<>();
        values.keySet().forEach(c -> panels.computeIfAbsent(List.of(c.point(), c.service()), k -> new ArrayList<>()).add(c));
        List<CategoryChart> charts = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Cell>> panel : panels.entrySet()) {
            Cell first = panel.getValue().get(0);
            String title = "p99 latency of " + first.service() + (coloc ? " while co-located with training" : "")
                    + (first.point().isEmpty() ? "" : " (" + GroupKey.pointLabel(sweep, first.point()) + ")");
            chart(title, panel.getValue(), values, deadlines.getOrDefault(panel.getKey(), Double.NaN))
                    .ifPresent(charts::add);
        }
        String caption = coloc ? ReportText.SERVICE_P99_COLOC : ReportText.SERVICE_P99_WINDOW;
        List<FigureSet.Drawn> named = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            named.add(new FigureSet.Drawn(charts.size() == 1 ? NAME : NAME + "_" + (i + 1), charts.get(i), caption));
        }
        return named;
    }

    private static java.util.Optional<CategoryChart> chart(String title, List<Cell> cells, Map<Cell, DoubleList> values,
                                                           double deadlineMs) {
        Set<String> policies = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        cells.forEach(c -> {
            policies.add(c.policy());
            devices.add(c.device());
        });
        List<String> x = List.copyOf(policies);
        boolean deadline = Double.isFinite(deadlineMs);
        CategoryChart chart = ChartStyle.bars(title, "policy", "mean p99 latency (ms)",
                devices.size() + (deadline ? 1 : 0));
        ChartStyle.tiltIfCrowded(chart.getStyler(), x);
        boolean anyValue = false;
        Cell any = cells.get(0);
        for (String device : devices) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String policy : x) {
                MeanCi stats = MeanCi.of(values.getOrDefault(new Cell(any.point(), any.service(), device, policy),
                        new DoubleArrayList()));
                anyValue |= Double.isFinite(stats.mean());
                means.add(stats.mean());
                errors.add(Double.isFinite(stats.ci95()) ? stats.ci95() : 0.0);
            }
            chart.addSeries("on " + device, x, means, errors);
        }
        if (!anyValue) {
            return java.util.Optional.empty();
        }
        if (deadline) {
            List<Double> line = x.stream().map(p -> deadlineMs).toList();
            CategorySeries series = chart.addSeries("deadline " + Numbers.rounded(deadlineMs) + " ms", x, line);
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            series.setLineColor(Color.RED);
            series.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f, 6f}, 0f));
            series.setMarker(SeriesMarkers.NONE);
        }
        return java.util.Optional.of(chart);
    }
}
