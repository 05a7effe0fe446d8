package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws a result directory's charts ({@code plots/*.png}) and writes its {@code report.html}, the comparison of
 * policies a researcher reads first.
 *
 * <p>Inputs: {@code runs.csv} (required), {@code summary.csv} (computed with {@link Summary#write} first when
 * absent) and {@code services.csv} (optional; without it the page says there is no per-service table).
 * Charts: mean re-training time per policy with 95 % confidence error bars, LC deadline-miss rate per policy
 * (with error bars), mean p99 LC latency per policy, a box plot of the finished runs' re-training times, and,
 * with a sweep, re-training time and miss rate against the first swept parameter, one line per policy. A chart
 * without any value is left out. The PNGs of an earlier report in {@code plots/} (named as this class names its
 * charts) are deleted first, so the directory holds the charts the page shows; other files there are kept.
 *
 * <p>Output depends on the input files only: fixed chart sizes and fonts, no timestamps, no machine locale.
 * AWT runs headless ({@code java.awt.headless=true} is set unless the property was already given).
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes {@code resultDir/report.html} and {@code resultDir/plots/*.png}, from summary.csv as it is (computed
     * and written first when absent).
     *
     * @return the report file
     * @throws ResultFileException if runs.csv is missing, or runs.csv, summary.csv or services.csv is malformed
     *         (each problem names the file, line and column); nothing is written then
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static Path write(Path resultDir) {
        return draw(resultDir, false);
    }

    /**
     * Recomputes {@code resultDir/summary.csv} from runs.csv and writes the report as {@link #write} does; every
     * input is read and checked before the first file is written.
     *
     * @return the report file
     * @throws ResultFileException if runs.csv is missing, or runs.csv or services.csv is malformed; nothing is
     *         written then
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static Path redraw(Path resultDir) {
        return draw(resultDir, true);
    }

    private static Path draw(Path resultDir, boolean recomputeSummary) {
        Headless.ensure();
        List<String> problems = new ArrayList<>();
        ResultCsv runs = ResultCsv.read(resultDir.resolve(RUNS_FILE), RUNS_LAYOUT, problems);
        Path summaryFile = resultDir.resolve(SUMMARY_FILE);
        boolean computeSummary = recomputeSummary || !Files.exists(summaryFile);
        ResultCsv summary = computeSummary ? null : ResultCsv.read(summaryFile, SUMMARY_LAYOUT, problems);
        Path servicesFile = resultDir.resolve(SERVICES_FILE);
        ResultCsv services = Files.exists(servicesFile) ? ResultCsv.read(servicesFile, SERVICES_LAYOUT, problems) : null;
        ResultCsv histograms = optional(resultDir.resolve(HISTOGRAMS_FILE), HISTOGRAMS_LAYOUT, problems);
        ResultCsv timeline = optional(resultDir.resolve(TIMELINE_FILE), TIMELINE_LAYOUT, problems);
        ResultFileException.throwIfAny(problems);
        String summaryText = computeSummary ? Summary.render(runs) : null;
        if (computeSummary) {
            summary = ResultCsv.parse(summaryFile.toString(), summaryText, SUMMARY_LAYOUT, problems);
            ResultFileException.throwIfAny(problems); // only a defect of Summary could get here
        }
        SummaryView view = SummaryView.of(summary);
        List<FigureSet.Drawn> charts = new ArrayList<>(FigureSet.charts(view, runs));
        if (histograms != null) {
            charts.addAll(LatencyCdfFigures.charts(histograms, services));
        }
        if (timeline != null) {
            charts.addAll(TimelineFigures.charts(timeline));
        }
        List<Figure> figures = charts.stream().map(FigureSet.Drawn::figure).toList();
        String html = ReportPage.render(new ReportPage.Input(directoryName(resultDir), runs, summary, figures,
                Optional.ofNullable(services).map(ServiceSummary::of)));
        // Everything is read and checked above; only now are files replaced.
        if (computeSummary) {
            TextFiles.write(summaryFile, summaryText);
        }
        FigureSet.save(resultDir, charts);
        Path report = resultDir.resolve(REPORT_FILE);
        TextFiles.write(report, html);
        return report;
    }

    /** A result file older result directories may lack (histograms.csv, timeline.csv): null when absent. */
    private static ResultCsv optional(Path file, ResultColumns.Layout layout, List<String> problems) {
        return Files.exists(file) ? ResultCsv.read(file, layout, problems) : null;
    }

    private static String directoryName(Path resultDir) {
        Path name = resultDir.toAbsolutePath().normalize().getFileName();
        return name == null ? "result" : name.toString();
    }
}
