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
 * absent) and {@code services.csv} (optional; without it the page says there is no per-service table), and a
 * {@link ReportContext} (baseline, provenance texts). The page: the headline ({@link Headline}: the fastest
 * policy that kept every SLO, per grid point), the paired comparison against the baseline ({@link Comparison}),
 * the summary table, the figures ({@link FigureSet#SOURCES}: bars per policy with 95 % CIs, p99 per service
 * against its deadline, box plots, sweep lines with CI bands), the per-service and per-run tables, the config,
 * the resolved scenarios and the manifest, and relative links to the result files. A chart without any value is
 * left out. The images of an earlier report in {@code plots/} (named as this module names its charts) are
 * deleted first, so the directory holds the charts the page shows; other files there are kept.
 *
 * <p>Output depends on the input files only: fixed chart sizes and fonts, no timestamps, no machine locale.
 * AWT runs headless ({@code java.awt.headless=true} is set unless the property was already given).
 */
public final class Report {
    private Report() {
    }

    /**
     * The report written and what its comparison warns about.
     *
     * @param report the report file
     * @param warnings the comparison's warnings ({@link Comparison#warnings}), for stderr
     */
    public record Written(Path report, List<String> warnings) {
        public Written {
            warnings = List.copyOf(warnings);
        }
    }

    /** {@link #write(Path, ReportContext)} without a context: the first policy as baseline, no provenance. */
    public static Path write(Path resultDir) {
        return write(resultDir, ReportContext.none()).report();
    }

    /**
     * Writes {@code resultDir/report.html} and {@code resultDir/plots/*.png} and {@code .svg}, from summary.csv as
     * it is (computed and written first when absent). comparison.csv is not written (the command writes it with
     * {@link Comparison#write}, or leaves it out for a shard); the page shows the comparison either way.
     *
     * @throws ResultFileException if runs.csv is missing, runs.csv, summary.csv or services.csv is malformed (each
     *         problem names the file, line and column); nothing is written
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static Written write(Path resultDir, ReportContext context) {
        return draw(resultDir, false, context);
    }

    /** {@link #redraw(Path, ReportContext)} without a context. */
    public static Path redraw(Path resultDir) {
        return redraw(resultDir, ReportContext.none()).report();
    }

    /**
     * Recomputes {@code resultDir/summary.csv} and {@code comparison.csv} from runs.csv and writes the report as
     * {@link #write} does; every input is read and checked before the first file is written.
     *
     * @throws ResultFileException if runs.csv is missing, runs.csv or services.csv is malformed; nothing is
     *         written then
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public static Written redraw(Path resultDir, ReportContext context) {
        return draw(resultDir, true, context);
    }

    private static Written draw(Path resultDir, boolean recompute, ReportContext context) {
        Headless.ensure();
        List<String> problems = new ArrayList<>();
        ResultCsv runs = ResultCsv.read(resultDir.resolve(RUNS_FILE), RUNS_LAYOUT, problems);
        Path summaryFile = resultDir.resolve(SUMMARY_FILE);
        boolean computeSummary = recompute || !Files.exists(summaryFile);
        ResultCsv summary = computeSummary ? null : ResultCsv.read(summaryFile, SUMMARY_LAYOUT, problems);
        Path servicesFile = resultDir.resolve(SERVICES_FILE);
        ResultCsv services = Files.exists(servicesFile) ? ResultCsv.read(servicesFile, SERVICES_LAYOUT, problems) : null;
        ResultFileException.throwIfAny(problems);
        Comparison comparison = Comparison.of(runs, context.baseline());
        String summaryText = computeSummary ? Summary.render(runs) : null;
        if (computeSummary) {
            summary = ResultCsv.parse(summaryFile.toString(), summaryText, SUMMARY_LAYOUT, problems);
            ResultFileException.throwIfAny(problems); // only a defect of Summary could get here
        }
        Optional<ResultCsv> servicesCsv = Optional.ofNullable(services);
        FigureSource.Inputs inputs = new FigureSource.Inputs(resultDir, runs, SummaryView.of(summary), servicesCsv);
        List<FigureSet.Drawn> charts = FigureSet.charts(inputs);
        List<Figure> figures = charts.stream().map(FigureSet.Drawn::figure).toList();
        List<String> links = links(resultDir, recompute, context);
        String html = ReportPage.render(new ReportPage.Input(directoryName(resultDir), runs, summary, figures,
                servicesCsv.map(ServiceSummary::of), Headline.answers(runs, servicesCsv), comparison, context, links));
        // Everything is read and checked above; only now are files replaced.
        if (computeSummary) {
            TextFiles.write(summaryFile, summaryText);
        }
        if (recompute) {
            TextFiles.write(resultDir.resolve(Comparison.FILE), comparison.csv());
        }
        FigureSet.save(resultDir, charts);
        Path report = resultDir.resolve(REPORT_FILE);
        TextFiles.write(report, html);
        return new Written(report, comparison.warnings());
    }

    /**
     * The result files the page links: those present (or written with it), manifest.json when the command
     * writes it beside the report.
     */
    private static List<String> links(Path resultDir, boolean recompute, ReportContext context) {
        List<String> links = new ArrayList<>();
        for (String file : List.of(RUNS_FILE, SERVICES_FILE, SUMMARY_FILE, Comparison.FILE)) {
            boolean written = file.equals(SUMMARY_FILE) || file.equals(Comparison.FILE) && recompute;
            if (written || Files.isRegularFile(resultDir.resolve(file))) {
                links.add(file);
            }
        }
        if (!context.manifestJson().isEmpty() || Files.isRegularFile(resultDir.resolve(MANIFEST_FILE))) {
            links.add(MANIFEST_FILE);
        }
        return links;
    }

    private static String directoryName(Path resultDir) {
        Path name = resultDir.toAbsolutePath().normalize().getFileName();
        return name == null ? "result" : name.toString();
    }
}
