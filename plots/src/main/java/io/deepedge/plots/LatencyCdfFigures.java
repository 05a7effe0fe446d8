package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Latency CDFs drawn from histograms.csv: one chart per service (and grid point), one line per policy, over every
 * replication and instance of that service pooled; the service's deadline (from services.csv) is a dashed vertical
 * line. The line joins the cumulative fractions at the bins' upper edges (log-spaced, 10 per decade), so between
 * edges it is an interpolation: a quantile read from it is exact to one bin (about 26 %).
 */
final class LatencyCdfFigures {
    static final String NAME = "latency_cdf";

    private LatencyCdfFigures() {
    }

    /** The CDFs from the result directory's histograms.csv (checked here); none without the file. */
    static List<FigureSet.Drawn> draw(FigureSource.Inputs inputs) {
        java.nio.file.Path file = inputs.resultDir().resolve(HISTOGRAMS_FILE);
        if (!java.nio.file.Files.exists(file)) {
            return List.of();
        }
        return charts(ResultCsv.read(file, HISTOGRAMS_LAYOUT), inputs.services().orElse(null));
    }

    /** The bins of one policy's latencies: bin number to [lower edge, upper edge, count]. */
    private static final class Bins {
        final TreeMap<Integer, double[]> byBin = new TreeMap<>();
        long total;

        void add(int bin, double lo, double hi, long count) {
            double[] b = byBin.computeIfAbsent(bin, k -> new double[] {lo, hi, 0});
            b[2] += count;
            total += count;
        }
    }

    static List<FigureSet.Drawn> charts(ResultCsv histograms, ResultCsv services) {
        List<String> sweep = sweepColumns(histograms.columns(), HISTOGRAMS_LAYOUT.required(), List.of());
        // grid point -> service -> policy -> bins, in file order
        Map<List<String>, Map<String, Map<String, Bins>>> groups = new LinkedHashMap<>();
        for (int row = 0; row < histograms.rowCount(); row++) {
            groups.computeIfAbsent(histograms.texts(row, sweep), k -> new LinkedHashMap<>())
                    .computeIfAbsent(histograms.text(row, SERVICE), k -> new LinkedHashMap<>())
                    .computeIfAbsent(histograms.text(row, POLICY), k -> new Bins())
                    .add((int) histograms.number(row, "bin"), histograms.number(row, "bin_lo_ms"),
                            histograms.number(row, "bin_hi_ms"), (long) histograms.number(row, "count"));
        }
        Map<String, Double> deadlines = deadlines(services);
        List<FigureSet.Drawn> charts = new ArrayList<>();
        for (Map.Entry<List<String>, Map<String, Map<String, Bins>>> point : groups.entrySet()) {
            for (Map.Entry<String, Map<String, Bins>> service : point.getValue().entrySet()) {
                String where = sweep.isEmpty() ? "" : " (" + GroupKey.pointLabel(sweep, point.getKey()) + ")";
                charts.add(chart(NAME + "_" + (charts.size() + 1), service.getKey(), where,
                        service.getValue(), deadlines.getOrDefault(service.getKey(), Double.NaN)));
            }
        }
        return charts;
    }

    private static Map<String, Double> deadlines(ResultCsv services) {
        Map<String, Double> deadlines = new LinkedHashMap<>();
        if (services != null && services.has("deadline_ms")) {
            for (int row = 0; row < services.rowCount(); row++) {
                double d = services.number(row, "deadline_ms");
                if (Double.isFinite(d)) {
                    deadlines.putIfAbsent(services.text(row, SERVICE), d);
                }
            }
        }
        return deadlines;
    }

    private static FigureSet.Drawn chart(String name, String service, String where, Map<String, Bins> byPolicy,
                                         double deadlineMs) {
        boolean withDeadline = Double.isFinite(deadlineMs) && deadlineMs > 0;
        XYChart chart = ChartStyle.lines("Latency CDF of " + service + where, "latency (ms, log scale)",
                "fraction of requests with latency <= x", byPolicy.size() + (withDeadline ? 1 : 0));
        chart.getStyler().setXAxisLogarithmic(true);
        // a log axis labels its decades itself: the linear axes' formatter would be given the wrong values
        chart.getStyler().setxAxisTickLabelsFormattingFunction(null);
        chart.getStyler().setXAxisDecimalPattern("#,##0.###");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        for (Map.Entry<String, Bins> policy : byPolicy.entrySet()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            cdf(policy.getValue(), x, y);
            XYSeries series = chart.addSeries(policy.getKey() + " (" + policy.getValue().total + " requests)", x, y);
            series.setMarker(SeriesMarkers.NONE);
        }
        if (withDeadline) {
            XYSeries line = chart.addSeries("deadline " + Numbers.rounded(deadlineMs) + " ms",
                    new double[] {deadlineMs, deadlineMs}, new double[] {0, 1});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        String caption = "The share of " + service + "'s requests of the metrics window (completed, or unfinished at "
                + "its end with their age) whose latency is at most x, every replication and instance of each policy "
                + "pooled (request counts in the legend), from histograms.csv: points at the upper edges of "
                + "log-spaced bins (10 per decade), so a quantile read here is exact to one bin."
                + (withDeadline ? " The dashed line is the deadline: the curve must reach the SLO quantile left of it."
                : "");
        return new FigureSet.Drawn(name, chart, caption);
    }

    /**
     * The CDF at every non-empty bin's edges: (lower edge, fraction below the bin), (upper edge, fraction up to its
     * end); flat across empty bins. Edges at 0 (bin 0) and infinity (the open last bin) cannot be drawn on a log axis.
     */
    private static void cdf(Bins bins, List<Double> x, List<Double> y) {
        long seen = 0;
        for (double[] b : bins.byBin.values()) {
            if (b[0] > 0 && (x.isEmpty() || b[0] > x.get(x.size() - 1))) {
                x.add(b[0]);
                y.add((double) seen / bins.total);
            }
            seen += (long) b[2];
            if (Double.isFinite(b[1])) {
                x.add(b[1]);
                y.add((double) seen / bins.total);
            }
        }
    }
}
