package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders report.html: a self-contained HTML5 page (inline CSS, no scripts, no timestamps) whose text is all
 * escaped, so the same input files give the same bytes.
 */
final class ReportPage {
    static final String CSS = String.join("\n",
            "body{font-family:sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.4}",
            "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}",
            "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}",
            "th{background:#f0f0f0}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "tr.best td{background:#e3f4e1;font-weight:bold}",
            "figure{margin:1.5em 0}",
            "figcaption{max-width:800px;font-size:0.9em}",
            "dt{font-family:monospace;font-weight:bold}",
            "dd{margin:0 0 0.4em 1.5em}",
            ".wide{overflow-x:auto}",
            ".headline{font-size:1.1em;background:#f6f8fa;border-left:4px solid #2a7ae2;padding:0.5em 1em}",
            ".warning{color:#8a4b00}",
            "pre{background:#f6f8fa;padding:0.6em;overflow-x:auto;font-size:0.85em}");

    /**
     * What the page shows.
     *
     * @param directoryName the result directory's name, the title when runs.csv names no experiment
     * @param runs runs.csv
     * @param summary summary.csv
     * @param figures the charts drawn
     * @param services services.csv aggregated, if the file exists
     * @param answers the headline, one answer per grid point
     * @param comparison the paired comparison against the baseline
     * @param context baseline and provenance texts
     * @param links the result files to link (relative names of files written beside the page)
     */
    record Input(String directoryName, ResultCsv runs, ResultCsv summary, List<Figure> figures,
                 Optional<ServiceSummary> services, List<Headline.Answer> answers, Comparison comparison,
                 ReportContext context, List<String> links) {
    }

    private final Input input;
    private final StringBuilder html = new StringBuilder();

    private ReportPage(Input input) {
        this.input = input;
    }

    static String render(Input input) {
        ReportPage page = new ReportPage(input);
        page.head();
        page.headline();
        page.intro();
        page.comparison();
        page.summaryTable();
        page.figures();
        page.servicesTable();
        page.runsTable();
        page.provenance();
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    private void head() {
        String title = "Deep-Edge report: " + experimentName();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(HtmlTable.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n")
                .append("<h1>").append(HtmlTable.escape(title)).append("</h1>\n");
    }

    private void intro() {
        ResultCsv runs = input.runs();
        List<String> sweep = sweepColumns(runs.columns(), RUNS_REQUIRED, RUNS_OPTIONAL);
        paragraph("Mode: " + String.join(", ", distinct(runs, MODE)) + ". Runs: " + runs.rowCount()
                + ". Policies: " + String.join(", ", distinct(runs, POLICY)) + "."
                + (sweep.isEmpty() ? "" : " Swept: " + String.join(", ", sweep) + "."));
        paragraph(ReportText.INTRO);
        html.append("<p>Result files:");
        for (String link : input.links()) {
            html.append(" <a href=\"").append(HtmlTable.escape(link)).append("\">").append(HtmlTable.escape(link))
                    .append("</a>");
        }
        html.append("</p>\n");
        html.append("<dl>\n");
        ReportText.SUMMARY_COLUMNS.forEach((column, meaning) -> html.append("<dt>").append(HtmlTable.escape(column))
                .append("</dt><dd>").append(HtmlTable.escape(meaning)).append("</dd>\n"));
        html.append("</dl>\n");
    }

    private void summaryTable() {
        ResultCsv summary = input.summary();
        List<String> columns = summary.columns();
        Set<Integer> best = bestRows(summary);
        HtmlTable table = new HtmlTable(columns);
        for (int row = 0; row < summary.rowCount(); row++) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                boolean statistic = SUMMARY_STATS.indexOf(column) >= SUMMARY_STATS.indexOf(FINISHED_FRACTION);
                cells.add(statistic ? Numbers.rounded(summary.number(row, column)) : summary.text(row, column));
            }
            table.row(cells, best.contains(row));
        }
        html.append("<h2>Summary</h2>\n");
        paragraph(ReportText.BEST_ROW);
        wide(table);
    }

    /** The rows of the headline's best policy at each grid point. */
    private Set<Integer> bestRows(ResultCsv summary) {
        List<String> sweep = ResultColumns.sweepColumns(summary.columns(), SUMMARY_STATS, List.of());
        Set<Integer> best = new LinkedHashSet<>();
        for (int row = 0; row < summary.rowCount(); row++) {
            List<String> point = summary.texts(row, sweep);
            String policy = summary.text(row, POLICY);
            if (input.answers().stream().anyMatch(a -> a.point().equals(point) && a.best().equals(Optional.of(policy)))) {
                best.add(row);
            }
        }
        return best;
    }

    private void headline() {
        html.append("<h2>Which policy re-trains fastest without breaking an SLO</h2>\n");
        for (Headline.Answer answer : input.answers()) {
            html.append("<p class=\"headline\">").append(HtmlTable.escape(answer.sentence())).append("</p>\n");
        }
        if (input.answers().isEmpty()) {
            paragraph("No run in runs.csv: nothing to compare.");
        }
        paragraph(ReportText.HEADLINE);
    }

    private void comparison() {
        Comparison comparison = input.comparison();
        html.append("<h2>Paired comparison against ").append(HtmlTable.escape(comparison.baseline()))
                .append("</h2>\n");
        paragraph(ReportText.COMPARISON);
        List<String> warnings = comparison.warnings();
        if (!warnings.isEmpty()) {
            html.append("<details class=\"warning\"").append(warnings.size() <= 10 ? " open" : "")
                    .append(">\n<summary><strong>").append(warnings.size())
                    .append(" warning(s): wide confidence intervals or refused comparisons</strong></summary>\n<ul>\n");
            warnings.forEach(w -> html.append("<li>").append(HtmlTable.escape(w)).append("</li>\n"));
            html.append("</ul>\n</details>\n");
        }
        List<String> header = new ArrayList<>(Comparison.COLUMNS);
        header.addAll(comparison.sweepColumns());
        HtmlTable table = new HtmlTable(header);
        comparison.rows().forEach(row -> table.row(row.cells(Numbers::rounded), row.wide()));
        if (comparison.rows().isEmpty()) {
            paragraph("Nothing to compare: runs.csv has one policy only.");
        } else {
            paragraph("Highlighted rows have a CI wider than 50 % of |mean_diff|.");
            wide(table);
        }
    }

    private void provenance() {
        ReportContext context = input.context();
        html.append("<h2>Config and manifest</h2>\n");
        if (context.configText().isEmpty() && context.resolvedJson().isEmpty() && context.manifestJson().isEmpty()) {
            paragraph("The command that drew this page gave no config or manifest (see manifest.json if present).");
            return;
        }
        details("The experiment config as read", context.configText());
        details("The resolved scenario of every grid point (every figure the runs used)", context.resolvedJson());
        details("The manifest: seed, replications, policies, versions, ... (manifest.json beside this page holds"
                + " every field, the invocation's times and command line too)", context.manifestJson());
    }

    private void details(String summary, String text) {
        if (text.isEmpty()) {
            return;
        }
        html.append("<details>\n<summary>").append(HtmlTable.escape(summary)).append("</summary>\n<pre>")
                .append(HtmlTable.escape(text)).append("</pre>\n</details>\n");
    }

    private void figures() {
        html.append("<h2>Figures</h2>\n");
        if (input.figures().isEmpty()) {
            paragraph(ReportText.NO_FIGURES);
        }
        for (Figure figure : input.figures()) {
            html.append("<figure>\n<img src=\"").append(HtmlTable.escape(figure.file()))
                    .append("\" alt=\"").append(HtmlTable.escape(figure.title()))
                    .append("\" width=\"").append(figure.width()).append("\" height=\"").append(figure.height())
                    .append("\">\n<figcaption><strong>").append(HtmlTable.escape(figure.title())).append(".</strong> ")
                    .append(HtmlTable.escape(figure.caption()));
            figure.svgFile().ifPresent(svg -> html.append(" <a href=\"").append(HtmlTable.escape(svg))
                    .append("\">SVG</a>"));
            html.append("</figcaption>\n</figure>\n");
        }
    }

    private void runsTable() {
        ResultCsv runs = input.runs();
        HtmlTable table = new HtmlTable(runs.columns());
        for (int row = 0; row < runs.rowCount(); row++) {
            table.row(runs.texts(row, runs.columns()), false);
        }
        html.append("<h2>Runs</h2>\n");
        paragraph(ReportText.RUNS_TABLE);
        html.append("<details>\n<summary>All ").append(runs.rowCount()).append(" runs</summary>\n");
        wide(table);
        html.append("</details>\n");
    }

    private void servicesTable() {
        html.append("<h2>Services</h2>\n");
        if (input.services().isEmpty()) {
            paragraph(ReportText.NO_SERVICES);
            return;
        }
        paragraph(ReportText.SERVICES_TABLE);
        wide(input.services().get().table());
    }

    private String experimentName() {
        List<String> names = distinct(input.runs(), EXPERIMENT);
        return names.isEmpty() ? input.directoryName() : String.join(", ", names);
    }

    private static List<String> distinct(ResultCsv csv, String column) {
        Set<String> values = new LinkedHashSet<>();
        for (int row = 0; row < csv.rowCount(); row++) {
            String value = csv.text(row, column);
            if (!value.isBlank()) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private void paragraph(String text) {
        html.append("<p>").append(HtmlTable.escape(text)).append("</p>\n");
    }

    private void wide(HtmlTable table) {
        html.append("<div class=\"wide\">\n");
        table.appendTo(html);
        html.append("</div>\n");
    }
}
