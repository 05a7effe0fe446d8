package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Builds the report's charts, each with its description, and saves them as PNG and SVG files into {@code plots/};
 * a chart without any data is left out. The charts come from {@link #SOURCES}, in page order.
 */
final class FigureSet {
    /**
     * The base names of every chart the report draws (numbered {@code _1, _2, ...} when there are several), so the
     * next report deletes exactly the charts an earlier one drew; a new kind of chart adds its name here.
     */
    static final List<String> CHART_NAMES = List.of("retrain_time", "retrain_time_censored", "miss_rate",
            "p99_latency", "slo_violations", "coloc_slo_violations", "retrain_time_runs", ServiceLatencyFigures.NAME,
            "sweep_retrain_time", "sweep_miss_rate", "sweep_p99_latency", "sweep_coloc_slo_violations",
            LatencyCdfFigures.NAME, TimelineFigures.NAME);
    private static final Pattern CHART_FILE = Pattern.compile(
            "(" + String.join("|", CHART_NAMES) + ")(_\\d+)?\\.(png|svg)");
    /** Every group of figures, in page order; a new group of figures is one more entry. */
    static final List<FigureSource> SOURCES = List.of(FigureSet::summaryBars, ServiceLatencyFigures::draw,
            LatencyCdfFigures::draw, SweepFigures::draw, FigureSet::retrainBoxes, TimelineFigures::draw);
    private final SummaryView summary;
    private final List<Drawn> charts = new ArrayList<>();

    private FigureSet(SummaryView summary) {
        this.summary = summary;
    }

    /** Every chart the data allows, in report order; reads (and so validates) all the numbers they show. */
    static List<Drawn> charts(FigureSource.Inputs inputs) {
        List<Drawn> charts = new ArrayList<>();
        SOURCES.forEach(source -> charts.addAll(source.draw(inputs)));
        return List.copyOf(charts);
    }

    /** The bar charts of summary.csv's means per policy. */
    private static List<Drawn> summaryBars(FigureSource.Inputs inputs) {
        SummaryView summary = inputs.summary();
        FigureSet set = new FigureSet(summary);
        set.bars("retrain_time", "Re-training time per policy", "mean re-training time (s)",
                SummaryView.Entry::retrainMean, SummaryView.Entry::retrainCi95,
                ReportText.RETRAIN_BARS + " " + finishedText(summary));
        if (summary.entries().stream().anyMatch(e -> e.finishedFraction() < 1)) {
            set.bars("retrain_time_censored", "Re-training time per policy, unfinished runs at the horizon",
                    "lower bound of the mean re-training time (s)", SummaryView.Entry::retrainCensoredLb, null,
                    ReportText.RETRAIN_CENSORED_BARS);
        }
        set.bars("miss_rate", "LC deadline-miss rate per policy", "mean deadline-miss rate (fraction of requests)",
                SummaryView.Entry::missRateMean, SummaryView.Entry::missRateCi95, ReportText.MISS_RATE_BARS);
        set.bars("p99_latency", "p99 LC latency per policy", "mean p99 latency (ms)",
                SummaryView.Entry::p99Mean, null, ReportText.P99_BARS);
        set.bars("slo_violations", "Broken SLOs per policy", "mean service instances whose SLO broke (count)",
                SummaryView.Entry::sloViolationsMean, null, ReportText.SLO_BARS);
        set.bars("coloc_slo_violations", "Broken SLOs under co-location per policy",
                "mean service instances whose co-located SLO broke (count)", SummaryView.Entry::colocSloViolationsMean,
                null, ReportText.COLOC_SLO_BARS);
        return set.charts;
    }

    /** The finished fraction of every bar, so the mean is never read without it. */
    private static String finishedText(SummaryView summary) {
        List<String> parts = new ArrayList<>();
        for (SummaryView.Entry e : summary.entries()) {
            String point = e.key().point().isEmpty() ? "" : " (" + GroupKey.pointLabel(summary.sweepColumns(),
                    e.key().point()) + ")";
            parts.add(e.key().policy() + point + " " + Numbers.rounded(100 * e.finishedFraction()) + " %");
        }
        return "Runs finished: " + String.join(", ", parts) + ".";
    }

    /**
     * Deletes the charts of an earlier report from {@code resultDir/plots} (PNG and SVG files named as this class
     * names charts; any other file is the user's and stays), then saves {@code charts} there, each as PNG and SVG.
     */
    static void save(Path resultDir, List<Drawn> charts) {
        clearPlots(resultDir.resolve(PLOTS_DIR));
        for (Drawn drawn : charts) {
            TextFiles.writeBytes(resultDir.resolve(drawn.figure().file()), ChartStyle.png(drawn.chart()));
            TextFiles.writeBytes(resultDir.resolve(drawn.figure().svgFile().orElseThrow()), ChartStyle.svg(drawn.chart()));
        }
    }

    /** Bars per policy, one series per grid point; {@code ci95} null draws no error bars. */
    private void bars(String name, String title, String yTitle, ToDoubleFunction<SummaryView.Entry> mean,
                      ToDoubleFunction<SummaryView.Entry> ci95, String caption) {
        List<String> policies = summary.policies();
        List<List<String>> points = summary.points();
        CategoryChart chart = ChartStyle.bars(title, "policy", yTitle, points.size() > 1 ? points.size() : 0);
        ChartStyle.tiltIfCrowded(chart.getStyler(), policies);
        boolean anyValue = false;
        for (List<String> point : points) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String policy : policies) {
                SummaryView.Entry entry = summary.entry(point, policy).orElse(null);
                double value = entry == null ? Double.NaN : mean.applyAsDouble(entry);
                double error = entry == null || ci95 == null ? Double.NaN : ci95.applyAsDouble(entry);
                anyValue |= Double.isFinite(value);
                means.add(value);
                errors.add(Double.isFinite(error) ? error : 0.0);
            }
            String series = point.isEmpty() ? "mean" : GroupKey.pointLabel(summary.sweepColumns(), point);
            if (ci95 == null) {
                chart.addSeries(series, policies, means);
            } else {
                chart.addSeries(series, policies, means, errors);
            }
        }
        if (anyValue) {
            charts.add(new Drawn(name, chart, caption));
        }
    }

    /** One box plot of the finished runs' re-training times per grid point, one box per policy. */
    private static List<Drawn> retrainBoxes(FigureSource.Inputs inputs) {
        ResultCsv runs = inputs.runs();
        List<Drawn> charts = new ArrayList<>();
        List<String> sweep = sweepColumns(runs.columns(), RUNS_REQUIRED, RUNS_OPTIONAL);
        Map<List<String>, Map<String, DoubleList>> byPoint = new LinkedHashMap<>();
        for (Map.Entry<GroupKey, IntList> group : Summary.groups(runs, sweep).entrySet()) {
            DoubleList times = finishedTimes(runs, group.getValue());
            if (!times.isEmpty()) {
                byPoint.computeIfAbsent(group.getKey().point(), p -> new LinkedHashMap<>())
                        .put(group.getKey().policy(), times);
            }
        }
        int index = 0;
        for (Map.Entry<List<String>, Map<String, DoubleList>> point : byPoint.entrySet()) {
            index++;
            String name = byPoint.size() == 1 ? "retrain_time_runs" : "retrain_time_runs_" + index;
            String title = "Re-training time of each finished run"
                    + (sweep.isEmpty() ? "" : " (" + GroupKey.pointLabel(sweep, point.getKey()) + ")");
            BoxChart chart = ChartStyle.boxes(title, "policy", "re-training time (s)");
            point.getValue().forEach(chart::addSeries);
            ChartStyle.tiltIfCrowded(chart.getStyler(), List.copyOf(point.getValue().keySet()));
            charts.add(new Drawn(name, chart, ReportText.RETRAIN_BOXES));
        }
        return charts;
    }

    private static DoubleList finishedTimes(ResultCsv runs, IntList rows) {
        DoubleList times = Summary.values(runs, Summary.finishedRows(runs, rows), RETRAIN_TIME_SEC);
        times.removeIf((double time) -> Double.isNaN(time));
        return times;
    }

    private static void clearPlots(Path plots) {
        try {
            if (!Files.isDirectory(plots)) {
                // not createDirectories: a result folder removed meanwhile (interrupted run) must not come back
                Files.createDirectory(plots);
            }
            try (DirectoryStream<Path> old = Files.newDirectoryStream(plots, "*.{png,svg}")) {
                for (Path image : old) {
                    if (CHART_FILE.matcher(image.getFileName().toString()).matches() && Files.isRegularFile(image)) {
                        Files.delete(image);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + plots.toAbsolutePath(), e);
        }
    }

    /**
     * A chart ready to be saved.
     *
     * @param name file name without extension
     * @param chart the chart
     * @param caption what it shows
     */
    record Drawn(String name, Chart<?, ?> chart, String caption) {
        Drawn {
            if (!CHART_FILE.matcher(name + ".png").matches()) {
                throw new IllegalArgumentException("chart name " + name + " is not one CHART_FILE lets the next report delete");
            }
        }

        /** The chart as the report shows it. */
        Figure figure() {
            return new Figure(PLOTS_DIR + "/" + name + ".png", chart.getTitle(), caption, chart.getWidth(),
                    chart.getHeight());
        }
    }
}
