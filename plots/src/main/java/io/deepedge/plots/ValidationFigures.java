package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.PLOTS_DIR;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The scatter plots of {@code validate}: simulated against real means, one chart per unit (time, latency,
 * miss rate, accuracy), one series per metric, and the identity line sim = real on which a perfect simulator's
 * points lie. A chart without a point with both means is left out. Saved as PNG and SVG.
 */
final class ValidationFigures {
    static final String IDENTITY = "identity (simulated = real)";

    private ValidationFigures() {
    }

    /**
     * A chart ready to be saved.
     *
     * @param name file name without extension
     */
    record Drawn(String name, XYChart chart, String caption) {
        Figure figure() {
            return new Figure(PLOTS_DIR + "/" + name + ".png", chart.getTitle(), caption, chart.getWidth(),
                    chart.getHeight());
        }

        String svgFile() {
            return PLOTS_DIR + "/" + name + ".svg";
        }
    }

    static List<Drawn> charts(List<ValidationRow> rows) {
        List<Drawn> charts = new ArrayList<>();
        for (ValidationMetric.Unit unit : ValidationMetric.Unit.values()) {
            List<ValidationMetric> metrics = new ArrayList<>();
            for (ValidationMetric m : ValidationMetric.values()) {
                if (m.unit == unit && rows.stream().anyMatch(r -> r.metric() == m && r.comparable())) {
                    metrics.add(m);
                }
            }
            if (!metrics.isEmpty()) {
                charts.add(chart(unit, metrics, rows));
            }
        }
        return charts;
    }

    private static Drawn chart(ValidationMetric.Unit unit, List<ValidationMetric> metrics, List<ValidationRow> rows) {
        String axis = unit.quantity + " (" + unit.unit + ")";
        XYChart chart = ChartStyle.lines("Simulated against real " + unit.quantity, "real (testbed) " + axis,
                "simulated " + axis, metrics.size() + 1);
        double low = 0;
        double high = 0;
        for (ValidationMetric m : metrics) {
            List<Double> real = new ArrayList<>();
            List<Double> sim = new ArrayList<>();
            for (ValidationRow r : rows) {
                if (r.metric() == m && r.comparable()) {
                    real.add(r.real().mean());
                    sim.add(r.sim().mean());
                    low = Math.min(low, Math.min(r.real().mean(), r.sim().mean()));
                    high = Math.max(high, Math.max(r.real().mean(), r.sim().mean()));
                }
            }
            XYSeries series = chart.addSeries(m.id, real, sim);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        if (high <= low) {
            high = low + 1; // every value 0: a unit square keeps the axes readable
        }
        XYSeries identity = chart.addSeries(IDENTITY, new double[] {low, high}, new double[] {low, high});
        identity.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        identity.setMarker(SeriesMarkers.NONE);
        identity.setLineStyle(SeriesLines.DASH_DASH);
        identity.setLineColor(Color.GRAY);
        String caption = "One point per policy" + (metrics.stream().anyMatch(m -> m.perService)
                ? " (and service instance for the service_ metrics)" : "") + ": the mean over the real runs (x) and "
                + "over the simulated runs (y). Points on the dashed identity line are predicted exactly; above it "
                + "the simulator overestimates. validation.csv holds every value with both sides' 95 % CIs.";
        return new Drawn(unit.chartName, chart, caption);
    }

    static void save(Path outDir, List<Drawn> charts) {
        Path plots = outDir.resolve(PLOTS_DIR);
        try {
            if (!charts.isEmpty() && !Files.isDirectory(plots)) {
                Files.createDirectory(plots);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + plots.toAbsolutePath(), e);
        }
        for (Drawn drawn : charts) {
            TextFiles.writeBytes(outDir.resolve(drawn.figure().file()), ChartStyle.png(drawn.chart()));
            TextFiles.writeBytes(outDir.resolve(drawn.svgFile()), ChartStyle.svg(drawn.chart()));
        }
    }
}
