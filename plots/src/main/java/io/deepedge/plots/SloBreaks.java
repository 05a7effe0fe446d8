package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.ints.IntList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which SLOs each policy broke, for the headline. The co-location view is preferred (the constraint a scheduler
 * promises to keep): runs.csv's {@code coloc_slo_violations} counts broken instances per run, and services.csv's
 * {@code coloc_slo_met = false} rows say which (with {@code coloc_slo_latency_ms}, {@code deadline_ms},
 * {@code slo_quantile}). Result files without the co-location columns (written by an earlier version) fall back
 * to the whole-window view ({@code slo_violations}, {@code slo_met}), and the sentence says which view it used.
 */
final class SloBreaks {
    /** The columns of one view: runs.csv count, services.csv flag and latency. */
    private record View(String runsCount, String servicesMet, String servicesLatency, String text, String latencyWord) {
    }

    private static final View COLOC = new View(COLOC_SLO_VIOLATIONS, "coloc_slo_met", "coloc_slo_latency_ms",
            " in the co-location view", "co-located ");
    private static final View WINDOW = new View(SLO_VIOLATIONS, "slo_met", "slo_latency_ms",
            " over the whole metrics window (these files have no co-location view)", "");

    private final ResultCsv runs;
    private final Optional<ResultCsv> services;
    private final List<String> sweep;
    private final Optional<View> view;
    private final Map<GroupKey, IntList> runGroups;

    private SloBreaks(ResultCsv runs, Optional<ResultCsv> services, List<String> sweep, Optional<View> view) {
        this.runs = runs;
        this.services = services;
        this.sweep = sweep;
        this.view = view;
        this.runGroups = Summary.groups(runs, sweep);
    }

    static SloBreaks of(ResultCsv runs, Optional<ResultCsv> services, List<String> sweep) {
        Optional<View> view = runs.has(COLOC.runsCount()) ? Optional.of(COLOC)
                : runs.has(WINDOW.runsCount()) ? Optional.of(WINDOW) : Optional.empty();
        return new SloBreaks(runs, services, sweep, view);
    }

    /** Whether the files say if SLOs held. */
    boolean known() {
        return view.isPresent();
    }

    /** Which view the sentences judge by, as a phrase to append to "kept every SLO". */
    String viewText() {
        return view.map(View::text).orElse("");
    }

    /** Mean broken SLOs per run of the policy at the grid point (runs with an empty cell are left out). */
    double perRun(GroupKey key) {
        if (view.isEmpty()) {
            return Double.NaN;
        }
        double mean = MeanCi.of(Summary.values(runs, runGroups.get(key), view.get().runsCount())).mean();
        return Double.isNaN(mean) ? 0 : mean;
    }

    /**
     * What the policy broke at the grid point: each broken instance as {@code service on device (p99 412 ms >
     * deadline 250 ms in 5 of 5 runs)}, the latency being the mean over the runs that broke it; without
     * services.csv detail, the mean count per run.
     */
    String describe(GroupKey key) {
        View v = view.orElseThrow();
        if (services.isEmpty() || !services.get().has(v.servicesMet())) {
            return "a mean of " + Numbers.rounded(perRun(key)) + " SLO(s) per run (services.csv names no instance)";
        }
        ResultCsv s = services.get();
        List<String> serviceSweep = sweepColumns(s.columns(), SERVICES_REQUIRED, SERVICES_OPTIONAL);
        Map<List<String>, Broken> broken = new LinkedHashMap<>();
        int runsOfPolicy = runGroups.get(key).size();
        for (int row = 0; row < s.rowCount(); row++) {
            if (s.text(row, POLICY).equals(key.policy()) && s.texts(row, serviceSweep).equals(key.point())
                    && !s.flag(row, v.servicesMet())) {
                broken.computeIfAbsent(List.of(s.text(row, SERVICE), s.text(row, DEVICE)), k -> new Broken())
                        .add(s, row, v);
            }
        }
        if (broken.isEmpty()) {
            return "a mean of " + Numbers.rounded(perRun(key)) + " SLO(s) per run";
        }
        List<String> parts = new ArrayList<>();
        broken.forEach((instance, b) -> parts.add(instance.get(0) + " on " + instance.get(1) + " ("
                + b.text(runsOfPolicy) + ")"));
        return String.join(", ", parts);
    }

    /** The broken runs of one service instance. */
    private static final class Broken {
        private int runs;
        private double latencySumMs;
        private int latencies;
        private double deadlineMs = Double.NaN;
        private double quantile = Double.NaN;
        private String latencyWord = "";

        void add(ResultCsv s, int row, View v) {
            runs++;
            latencyWord = v.latencyWord();
            double latency = s.has(v.servicesLatency()) ? s.number(row, v.servicesLatency()) : Double.NaN;
            if (Double.isFinite(latency)) {
                latencySumMs += latency;
                latencies++;
            }
            deadlineMs = s.has("deadline_ms") ? s.number(row, "deadline_ms") : Double.NaN;
            quantile = s.has("slo_quantile") ? s.number(row, "slo_quantile") : Double.NaN;
        }

        String text(int runsOfPolicy) {
            String name = latencyWord + (Double.isFinite(quantile) ? "p" + Numbers.rounded(100 * quantile)
                    : "SLO-quantile latency");
            String latency = latencies == 0 ? name + " unknown"
                    : name + " " + Numbers.rounded(latencySumMs / latencies) + " ms";
            String deadline = Double.isFinite(deadlineMs) ? " > deadline " + Numbers.rounded(deadlineMs) + " ms" : "";
            return latency + deadline + " in " + runs + " of " + runsOfPolicy + " runs";
        }
    }
}
