package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * without any value is left out. Every PNG in {@code plots/} is deleted first, so the directory holds exactly
 * the charts the page shows.
 *
 * <p>Output depends on the input files only: fixed chart sizes and fonts, no timestamps, no machine locale.
 * AWT runs headless ({@code java.awt.headless=true} is set unless the property was already given).
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes {@code resultDir/report.html} and {@code resultDir/plots/*.png}.
     *
     * @return the report file
     * @throws IllegalArgumentException if runs.csv is missing, if runs.csv, summary.csv or services.csv lacks
     *         a required column (the message names the file and the columns), or holds a cell that is not of
     *         its column's type (the message names the file, line and column); nothing is written then
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static Path write(Path resultDir) {
        Headless.ensure();
        ResultCsv runs = ResultCsv.read(resultDir.resolve(RUNS_FILE), RUNS_REQUIRED);
        if (!Files.exists(resultDir.resolve(SUMMARY_FILE))) {
            Summary.write(resultDir);
        }
        ResultCsv summary = ResultCsv.read(resultDir.resolve(SUMMARY_FILE), SUMMARY_REQUIRED);
        Optional<ServiceSummary> services = ResultCsv.readIfPresent(resultDir.resolve(SERVICES_FILE),
                SERVICES_REQUIRED).map(ServiceSummary::of);
        SummaryView view = SummaryView.of(summary);
        List<FigureSet.Drawn> charts = FigureSet.charts(view, runs);
        List<Figure> figures = charts.stream().map(FigureSet.Drawn::figure).toList();
        String html = ReportPage.render(new ReportPage.Input(directoryName(resultDir), runs, summary, figures, services));
        // Everything is read and checked above; only now are files replaced.
        FigureSet.save(resultDir, charts);
        Path report = resultDir.resolve(REPORT_FILE);
        TextFiles.write(report, html);
        return report;
    }

    private static String directoryName(Path resultDir) {
        Path name = resultDir.toAbsolutePath().normalize().getFileName();
        return name == null ? "result" : name.toString();
    }
}
