package io.deepedge.plots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report page of {@code validate}: how far the simulator's means are from the real ones, per metric, the
 * scatter plots and every row of validation.csv. Self-contained HTML (the report's CSS, no scripts, no
 * timestamps); every link is relative and names a file written beside it.
 */
final class ValidationPage {
    static final String DEFINITIONS = "rel_error = (sim_mean - real_mean) / real_mean, a fraction (0.05 is 5 %; "
            + "positive when the simulator overestimates), empty when real_mean is 0 or a side has no value; "
            + "abs_error = sim_mean - real_mean. Means are over each side's runs with a value (sim_runs, real_runs); "
            + "re-training time over finished runs only, as in summary.csv. sim_ci95 and real_ci95 are the "
            + "half-widths of the 95 % Student-t confidence interval, t(0.975, n-1) s / sqrt(n), empty for fewer "
            + "than two runs. lc_* metrics cover all service instances of a run (runs.csv); service_* metrics one "
            + "instance (services.csv), service_miss_rate = misses / requests of the run. sim_median and real_median "
            + "are each side's median over its runs, median_rel_error = (sim_median - real_median) / real_median: a "
            + "run's tail latency can be far from its replications' (one stalled run), which moves the mean and "
            + "not the median. diff_ci95 is the half-width of the 95 % CI of sim_mean - real_mean (Welch: each "
            + "side's standard error from its own runs, Welch-Satterthwaite degrees of freedom); consistent is true "
            + "when |abs_error| <= diff_ci95, i.e. these runs cannot tell the two means apart, and empty when a side "
            + "has fewer than two runs. diff_ci95 / |real_mean| is the relative error the runs can resolve: a "
            + "rel_error below it is within chance. same_seed_runs counts the runs both sides made with the same "
            + "replication and seed (a twin and its testbed draw the same arrivals from it), sim_above and sim_below "
            + "those whose simulated value is the larger and the smaller, and sign_test_p is the exact two-sided sign "
            + "test of the two counts: a small value says the simulator errs to one side, a bias rather than noise. "
            + "rel_error_lo and rel_error_hi bound rel_error's 95 % confidence interval (Fieller's, which counts "
            + "the uncertainty of real_mean too; empty when a side has fewer than two runs or real_mean is not told "
            + "apart from zero). Below, the 95 % bounds of the median and the max |rel_error| take each row's "
            + "|rel_error| anywhere in its interval: a target at or above the upper bound is met by these runs, one "
            + "below the lower bound is missed, and one in between is beyond what they resolve. Each row's 95 % "
            + "interval misses one time in twenty, so over many rows some miss: the joint bounds take every row's "
            + "interval at 1 - 0.05 / k for a metric's k rows (joint_rows; rel_error_lo_joint and "
            + "rel_error_hi_joint, Bonferroni), which all hold together at least 95 % of the time, and a target "
            + "met or missed by them is met or missed at 95 %.";

    /**
     * What the page shows.
     *
     * @param title the experiment's name
     * @param simLabel how the simulated directory is named
     * @param realLabel how the real directory is named
     */
    record Input(String title, String simLabel, String realLabel, Validation validation, List<Figure> figures) {
    }

    private final StringBuilder html = new StringBuilder();

    private ValidationPage() {
    }

    static String render(Input input) {
        ValidationPage page = new ValidationPage();
        String title = "Deep-Edge validation: " + input.title();
        page.html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(HtmlTable.escape(title)).append("</title>\n<style>\n").append(ReportPage.CSS)
                .append("\n</style>\n</head>\n<body>\n<h1>").append(HtmlTable.escape(title)).append("</h1>\n");
        page.paragraph("Simulated runs: " + input.simLabel() + ". Real runs: " + input.realLabel() + ".");
        page.paragraph(DEFINITIONS);
        page.html.append("<p>Every value: <a href=\"").append(Validation.FILE).append("\">")
                .append(Validation.FILE).append("</a>.</p>\n");
        page.errorTable(input.validation());
        input.validation().cpu().ifPresent(c -> page.cpuTable(c, input.validation().sweepColumns()));
        input.validation().host().ifPresent(h -> h.summary().ifPresent(
                summary -> page.hostTable(h, summary, input.validation().sweepColumns())));
        input.validation().timeline().ifPresent(page::timelineTables);
        page.figures(input.figures());
        page.rowsTable(input.validation());
        page.html.append("</body>\n</html>\n");
        return page.html.toString();
    }

    private void errorTable(Validation validation) {
        HtmlTable table = new HtmlTable(List.of("metric", "rows", "rows with rel_error", "median |rel_error|",
                "its 95 % bounds", "jointly", "max |rel_error|", "its 95 % bounds", "jointly",
                "median |median_rel_error|",
                "max |median_rel_error|", "consistent rows",
                "median diff_ci95 / |real_mean|", "sim above real (same-seed runs)", "sign test p",
                "runs a cell to resolve +/-" + ValidationTable.percent(validation.resolveTolerance()) + " (sim/real)"));
        for (ValidationTable.MetricError e : ValidationTable.errors(validation.rows())) {
            table.row(List.of(e.metric().id, Integer.toString(e.rows()), Integer.toString(e.defined()),
                    percentOrEmpty(e.median()), rangeOrEmpty(e.bounds().medianLo(), e.bounds().medianHi()),
                    rangeOrEmpty(e.jointBounds().medianLo(), e.jointBounds().medianHi()),
                    percentOrEmpty(e.max()), rangeOrEmpty(e.bounds().maxLo(), e.bounds().maxHi()),
                    rangeOrEmpty(e.jointBounds().maxLo(), e.jointBounds().maxHi()),
                    percentOrEmpty(e.medianOfMedians()),
                    percentOrEmpty(e.maxOfMedians()), e.tested() == 0 ? "" : e.consistent() + " of " + e.tested(),
                    percentOrEmpty(e.medianRelDiffCi()), e.sameSeed().pairs() == 0 ? ""
                            : e.sameSeed().simAbove() + " of " + e.sameSeed().pairs(),
                    Double.isNaN(e.sameSeed().signTestP()) ? ""
                            : String.format(Locale.ROOT, "%.2g", e.sameSeed().signTestP()),
                    e.runsToResolve(validation.resolveTolerance()).text()), false);
        }
        html.append("<h2>Error per metric</h2>\n");
        paragraph("Over every policy, grid point and (for service_ metrics) service instance. Runs a cell to"
                + " resolve: how many runs each side needs, at the metric's median spread over its runs, for the 95 %"
                + " interval of a row's relative error to be that narrow (each side given half of its variance).");
        wide(table);
    }

    /** A fit's section: its heading, what it is (ending with a link to its file) and an empty table to fill. */
    private HtmlTable fitTable(String heading, String text, String file, List<String> columns,
                               List<String> sweepColumns) {
        html.append("<h2>").append(heading).append("</h2>\n");
        html.append("<p>").append(HtmlTable.escape(text + " Every value: ")).append("<a href=\"").append(file)
                .append("\">").append(file).append("</a>.</p>\n");
        List<String> header = new ArrayList<>(columns);
        header.addAll(sweepColumns);
        return new HtmlTable(header);
    }

    private void cpuTable(CpuConditioning cpu, List<String> sweepColumns) {
        HtmlTable table = fitTable("The re-training error at the real runs' training CPU a sample", cpu.summary()
                + ". Over the same-seed pairs of runs, ln(sim / real) of retrain_time_sec against ln(sim / real) of the"
                + " devices' train_cpu_ms_per_sample (weighted by the real plan's samples), fitted by least squares; a"
                + " row's error at the real CPU is exp(mean(y - slope x)) - 1: the twin's error had its devices trained"
                + " at the real runs' CPU a sample. A diagnosis of the host's cost against the rest of the model, not a"
                + " target's figure.", CpuConditioning.FILE, List.of("policy", "pairs", "CPU a sample, sim / real",
                "same-seed rel_error", "rel_error at the real CPU"), sweepColumns);
        for (CpuConditioning.Row r : cpu.rows()) {
            List<String> cells = new ArrayList<>(List.of(r.key().policy(), Integer.toString(r.pairs()),
                    String.format(Locale.ROOT, "%.3f", Math.exp(r.cpuLogRatio())),
                    ValidationTable.percent(r.sameSeedRelError()), ValidationTable.percent(r.atRealCpuRelError())));
            cells.addAll(r.key().point());
            table.row(cells, false);
        }
        wide(table);
    }

    /** The host-speed fit's section; none when no row has runs on both sides (no summary). */
    private void hostTable(HostSpeedConditioning host, String summary, List<String> sweepColumns) {
        HtmlTable table = fitTable("The re-training times at one host speed", summary
                + ". A probe outside the agents' quotas timed a fixed training step by its own CPU clock once a second"
                + " during every testbed run's job (host-speed.csv); within each side, grid point and policy, ln"
                + " retrain_time_sec = cell + slope x ln probe, fitted on the probed runs alone, and each probed run's"
                + " time taken to the median probe figure: time x (reference / probe)^slope. A side without probes"
                + " (the twin) keeps its plain mean. The probe also reads the runs' own load: a diagnosis, not a"
                + " target's figure.", HostSpeedConditioning.FILE, List.of("policy", "runs sim / real", "sim mean (s)",
                "real mean (s)", "rel_error", "sim at reference (s)", "real at reference (s)",
                "rel_error at the reference"), sweepColumns);
        for (HostSpeedConditioning.Row r : host.rows()) {
            List<String> cells = new ArrayList<>(List.of(r.key().policy(), r.simRuns() + " / " + r.realRuns(),
                    String.format(Locale.ROOT, "%.3f", r.simMean()), String.format(Locale.ROOT, "%.3f", r.realMean()),
                    ValidationTable.percent(r.relError()),
                    String.format(Locale.ROOT, "%.3f", r.simMeanAtReference()),
                    String.format(Locale.ROOT, "%.3f", r.realMeanAtReference()),
                    ValidationTable.percent(r.relErrorAtReference())));
            cells.addAll(r.key().point());
            table.row(cells, false);
        }
        wide(table);
    }

    private void timelineTables(ValidationTimeline timeline) {
        html.append("<h2>Where the re-training times part</h2>\n");
        html.append("<p>").append(HtmlTable.escape("From both sides' timeline.csv (replication 0 of each policy and "
                + "grid point, the same arrivals on both sides): the seconds each device spent in each training state, "
                + "diff_sec = sim - real. compute+sync is their sum: a twin that simulates a CPU quota spends a "
                + "device's own work per round inside its batch (compute), where the testbed times it as "
                + "synchronisation. Every value: ")).append("<a href=\"").append(ValidationTimeline.FILE).append("\">")
                .append(ValidationTimeline.FILE).append("</a>.</p>\n");
        paragraph("Per policy and grid point, the device and state with the largest |diff_sec| (compute+sync for "
                + "its parts; barrier and idle, a device waiting for other work, not counted):");
        wide(timelineTable(timeline, timeline.largestPerCell()));
        paragraph("Every device and state (validation-timeline.csv, numbers rounded to four significant digits):");
        wide(timelineTable(timeline, timeline.rows()));
    }

    private static HtmlTable timelineTable(ValidationTimeline timeline, List<ValidationTimeline.Row> rows) {
        List<String> header = new ArrayList<>(ValidationTimeline.COLUMNS);
        header.addAll(timeline.sweepColumns());
        HtmlTable table = new HtmlTable(header);
        for (ValidationTimeline.Row r : rows) {
            table.row(timeline.cells(r, Numbers::rounded), false);
        }
        return table;
    }

    private static String rangeOrEmpty(double lo, double hi) {
        return Double.isNaN(lo) ? "" : ValidationTable.range(lo, hi);
    }

    private static String percentOrEmpty(double fraction) {
        return Double.isNaN(fraction) ? "" : ValidationTable.percent(fraction);
    }

    private void figures(List<Figure> figures) {
        html.append("<h2>Figures</h2>\n");
        if (figures.isEmpty()) {
            paragraph("No metric has a value on both sides: nothing to draw.");
        }
        for (Figure f : figures) {
            String svg = f.file().replaceAll("\\.png$", ".svg");
            html.append("<figure>\n<img src=\"").append(HtmlTable.escape(f.file())).append("\" alt=\"")
                    .append(HtmlTable.escape(f.title())).append("\" width=\"").append(f.width())
                    .append("\" height=\"").append(f.height()).append("\">\n<figcaption><strong>")
                    .append(HtmlTable.escape(f.title())).append(".</strong> ").append(HtmlTable.escape(f.caption()))
                    .append(" <a href=\"").append(HtmlTable.escape(svg)).append("\">SVG</a></figcaption>\n</figure>\n");
        }
    }

    private void rowsTable(Validation validation) {
        List<String> header = new ArrayList<>(ValidationTable.COLUMNS);
        header.addAll(validation.sweepColumns());
        HtmlTable table = new HtmlTable(header);
        java.util.Map<ValidationMetric, Integer> jointRows = ValidationTable.jointRows(validation.rows());
        for (ValidationRow r : validation.rows()) {
            table.row(ValidationTable.cells(r, jointRows, Numbers::rounded), false);
        }
        html.append("<h2>Every comparison</h2>\n");
        paragraph("validation.csv, numbers rounded to four significant digits.");
        wide(table);
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
