package io.deepedge.plots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The re-training times at one host speed ({@code validate}'s {@code validation-host.csv}). A testbed's runs differ by
 * the host they met: a process outside the agents' quotas times a fixed training step by its own CPU clock once a
 * second during every run's job ({@code host-speed.csv}), and the runs of one policy and grid point take longer the
 * longer those steps took. Fitted on the probed runs alone, within each (side, grid point, policy) cell,
 * {@code ln retrain = cell + b ln probe} (least squares with one intercept per cell, so the cells' own levels do not
 * make the slope), every probed run's time is taken to the reference probe figure (the median over all probed runs):
 * {@code retrain x (reference / probe)^b}. A row's error at that speed compares the two sides' means so adjusted. A
 * digital twin's runs carry the host its profiles were measured on (the profile's probe, {@code simulate}'s
 * host-speed.csv): they are taken to the reference the same way, from that host, but make neither the slope nor the
 * reference; a side without probes keeps its plain mean. The covariate is measured outside the runs' own work and the
 * slope from the testbed's runs alone, not from the twin's error.
 */
final class HostSpeedConditioning {
    static final String FILE = "validation-host.csv";
    /** Fewer probed runs than this fit no slope worth reading. */
    static final int MIN_RUNS = 3;
    /** A spread of the log probe figures within cells below this is none: no slope. */
    private static final double NO_SPREAD = 1e-12;

    /**
     * One run of either side: its row, its re-training time and its probe figure (NaN: no probe). {@code twin}:
     * a digital twin's run, whose figure is the host it simulated (its profiles', or with {@code simulate --host-speed}
     * its testbed run's), not one measured during the run:
     * it is taken to the reference like the others but takes no part in the fit nor in the reference.
     */
    record Run(GroupKey row, boolean sim, double retrainSec, double probeCpuMs, boolean twin) {
        /** A run of a testbed (the probe measured during it). */
        Run(GroupKey row, boolean sim, double retrainSec, double probeCpuMs) {
            this(row, sim, retrainSec, probeCpuMs, false);
        }

        boolean probed() {
            return probeCpuMs > 0 && retrainSec > 0;
        }

        /** Whether the run enters the fit and the reference: probed during the run itself. */
        boolean fitted() {
            return probed() && !twin;
        }
    }

    /**
     * Both sides' means of a row as measured and at the reference speed, the errors of each, and each side's mean
     * probe figure (NaN where none of its runs has one).
     */
    record Row(GroupKey key, int simRuns, int realRuns, double simMean, double realMean, double simMeanAtReference,
               double realMeanAtReference, double simProbeCpuMs, double realProbeCpuMs) {
        double relError() {
            return simMean / realMean - 1;
        }

        double relErrorAtReference() {
            return simMeanAtReference / realMeanAtReference - 1;
        }
    }

    private final List<Row> rows;
    private final double slope;
    private final double referenceCpuMs;
    private final int probedRuns;
    private final int cells;
    private final double spreadRaw;
    private final double spreadAtReference;
    private final double twinHostCpuMs;

    private HostSpeedConditioning(List<Row> rows, double slope, double referenceCpuMs, int probedRuns, int cells,
                                  double spreadRaw, double spreadAtReference, double twinHostCpuMs) {
        this.rows = List.copyOf(rows);
        this.slope = slope;
        this.referenceCpuMs = referenceCpuMs;
        this.probedRuns = probedRuns;
        this.cells = cells;
        this.spreadRaw = spreadRaw;
        this.spreadAtReference = spreadAtReference;
        this.twinHostCpuMs = twinHostCpuMs;
    }

    /**
     * The fit over {@code runs}' probed runs (a twin's not among them, {@link Run#fitted}) and the rows both sides have
     * runs of (in the order the real side's rows first appear); empty with fewer than {@link #MIN_RUNS} fitted runs or
     * no spread of the probe within a cell.
     */
    static Optional<HostSpeedConditioning> of(List<Run> runs) {
        Map<List<Object>, List<Run>> byCell = new LinkedHashMap<>();
        List<Double> logProbes = new ArrayList<>();
        for (Run r : runs) {
            if (r.fitted()) {
                byCell.computeIfAbsent(List.of(r.sim(), r.row()), k -> new ArrayList<>()).add(r);
                logProbes.add(Math.log(r.probeCpuMs()));
            }
        }
        int n = logProbes.size();
        if (n < MIN_RUNS) {
            return Optional.empty();
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (List<Run> cell : byCell.values()) {
            double mx = cell.stream().mapToDouble(r -> Math.log(r.probeCpuMs())).average().orElseThrow();
            double my = cell.stream().mapToDouble(r -> Math.log(r.retrainSec())).average().orElseThrow();
            for (Run r : cell) {
                double dx = Math.log(r.probeCpuMs()) - mx;
                double dy = Math.log(r.retrainSec()) - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        if (!(sxx > NO_SPREAD * n)) {
            return Optional.empty();
        }
        double slope = sxy / sxx;
        int cellCount = byCell.size();
        double spreadRaw = n - cellCount > 0 ? Math.sqrt(syy / (n - cellCount)) : Double.NaN;
        double residual = Math.max(0, syy - slope * sxy);
        double spreadAt = n - cellCount - 1 > 0 ? Math.sqrt(residual / (n - cellCount - 1)) : Double.NaN;
        double[] sorted = logProbes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double referenceLog = ValidationTable.median(sorted);
        List<Row> rows = rows(runs, slope, referenceLog);
        double twinHost = runs.stream().filter(r -> r.twin() && r.probed()).mapToDouble(Run::probeCpuMs).average()
                .orElse(Double.NaN);
        return Optional.of(new HostSpeedConditioning(rows, slope, Math.exp(referenceLog), n, cellCount, spreadRaw,
                spreadAt, twinHost));
    }

    private static List<Row> rows(List<Run> runs, double slope, double referenceLog) {
        Map<GroupKey, List<Run>> sim = new LinkedHashMap<>();
        Map<GroupKey, List<Run>> real = new LinkedHashMap<>();
        for (Run r : runs) {
            if (r.retrainSec() > 0) {
                (r.sim() ? sim : real).computeIfAbsent(r.row(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Row> rows = new ArrayList<>();
        real.forEach((key, realRuns) -> {
            List<Run> simRuns = sim.get(key);
            if (simRuns != null) {
                rows.add(new Row(key, simRuns.size(), realRuns.size(), plainMean(simRuns), plainMean(realRuns),
                        meanAtReference(simRuns, slope, referenceLog), meanAtReference(realRuns, slope, referenceLog),
                        probeMean(simRuns), probeMean(realRuns)));
            }
        });
        return rows;
    }

    private static double plainMean(List<Run> runs) {
        return runs.stream().mapToDouble(Run::retrainSec).average().orElseThrow();
    }

    /** The mean probe figure of {@code runs}' probed ones, NaN without any. */
    private static double probeMean(List<Run> runs) {
        return runs.stream().filter(Run::probed).mapToDouble(Run::probeCpuMs).average().orElse(Double.NaN);
    }

    /** The probed runs' times taken to the reference speed (a twin's from its profiles' host); without probes as measured. */
    private static double meanAtReference(List<Run> runs, double slope, double referenceLog) {
        double[] adjusted = runs.stream().filter(Run::probed)
                .mapToDouble(r -> r.retrainSec() * Math.exp(-slope * (Math.log(r.probeCpuMs()) - referenceLog)))
                .toArray();
        return adjusted.length == 0 ? plainMean(runs) : Arrays.stream(adjusted).average().orElseThrow();
    }

    List<Row> rows() {
        return rows;
    }

    double slope() {
        return slope;
    }

    double referenceCpuMs() {
        return referenceCpuMs;
    }

    int probedRuns() {
        return probedRuns;
    }

    int cells() {
        return cells;
    }

    /** The mean host figure of the twin's runs (the hosts they simulated), NaN without a twin that has one. */
    double twinHostCpuMs() {
        return twinHostCpuMs;
    }

    /** The standard deviation of ln retrain within cells as measured ({@code n - cells} degrees of freedom). */
    double spreadRaw() {
        return spreadRaw;
    }

    /** The same once the probe's slope is taken out ({@code n - cells - 1}). */
    double spreadAtReference() {
        return spreadAtReference;
    }

    /** The text of {@link #FILE}: one line per (grid point, policy), the fit repeated on each. */
    String csv(List<String> sweepColumns) {
        CsvText out = new CsvText();
        List<String> header = new ArrayList<>(List.of("policy", "sim_runs", "real_runs", "sim_mean", "real_mean",
                "rel_error", "sim_mean_at_reference", "real_mean_at_reference", "rel_error_at_reference", "slope",
                "reference_probe_cpu_ms", "probed_runs", "cells", "spread_raw", "spread_at_reference", "sim_probe_cpu_ms",
                "real_probe_cpu_ms"));
        header.addAll(sweepColumns);
        out.row(header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.key().policy(), Integer.toString(r.simRuns()),
                    Integer.toString(r.realRuns()), Numbers.exact(r.simMean()), Numbers.exact(r.realMean()),
                    Numbers.exact(r.relError()), Numbers.exact(r.simMeanAtReference()),
                    Numbers.exact(r.realMeanAtReference()), Numbers.exact(r.relErrorAtReference()),
                    Numbers.exact(slope), Numbers.exact(referenceCpuMs), Integer.toString(probedRuns),
                    Integer.toString(this.cells), Numbers.exact(spreadRaw), Numbers.exact(spreadAtReference),
                    Numbers.exact(r.simProbeCpuMs()), Numbers.exact(r.realProbeCpuMs())));
            cells.addAll(r.key().point());
            out.row(cells);
        }
        return out.toString();
    }

    /** The summary's clause, e.g. {@code retrain_time_sec at the testbed's median host speed ...}; empty without rows. */
    Optional<String> summary() {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        double[] plain = rows.stream().mapToDouble(r -> Math.abs(r.relError())).sorted().toArray();
        double[] at = rows.stream().mapToDouble(r -> Math.abs(r.relErrorAtReference())).sorted().toArray();
        String twin = Double.isNaN(twinHostCpuMs) ? "" : String.format(Locale.ROOT, "; the twin from the host it"
                + " simulated, probe %.1f ms", twinHostCpuMs);
        return Optional.of(String.format(Locale.ROOT, "retrain_time_sec at the testbed's median host speed (probe %.1f"
                        + " ms; slope %.2f within %d cells over %d probed runs, their spread %.1f%% -> %.1f%%%s):"
                        + " |error| median/max %.1f%%/%.1f%% (as measured %.1f%%/%.1f%%)", referenceCpuMs, slope, cells,
                probedRuns, 100 * spreadRaw, 100 * spreadAtReference, twin, 100 * ValidationTable.median(at),
                100 * at[at.length - 1], 100 * ValidationTable.median(plain), 100 * plain[plain.length - 1]));
    }
}
