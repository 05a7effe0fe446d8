package io.deepedge.experiments.run;

import io.deepedge.models.RunResult;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.metrics.LatencyHistogram;
import io.deepedge.models.timeline.RoundCall;
import io.deepedge.models.timeline.TimelineInterval;
import io.deepedge.plots.CsvText;
import io.deepedge.plots.Numbers;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Writes runs.csv and services.csv as CONTRACTS.md fixes their columns, and histograms.csv (each service instance's
 * latency histogram, non-empty bins only), timeline.csv (the recorded runs' training timelines) and rounds.csv (their
 * gradient calls split into parts, testbed runs only), sweep columns appended to each.
 */
public final class ResultFiles {
    public static final List<String> RUNS_COLUMNS = List.of("experiment", "mode", "policy", "replication", "seed",
            "finished", "retrain_time_sec", "plan_time_ms", "devices_used", "plan", "lc_requests", "lc_misses",
            "lc_miss_rate", "lc_lost", "lc_p50_ms", "lc_p95_ms", "lc_p99_ms", "slo_violations", "failures", "work_lost_sec",
            "samples_trained", "replans", "final_plan", "rejected", "accuracy_before", "accuracy_after",
            "not_finished_reason", "lc_unfinished", "coloc_slo_violations", "retrain_time_sec_lb", "cfs_throttled_share",
            "cpu_cores_used", "train_cpu_ms_per_sample");
    public static final List<String> SERVICES_COLUMNS = List.of("policy", "replication", "service", "device",
            "colocated", "requests", "misses", "lost", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "deadline_ms", "slo_quantile",
            "slo_latency_ms", "slo_met", "unfinished", "coloc_requests", "coloc_unfinished", "coloc_misses", "coloc_p99_ms",
            "coloc_slo_latency_ms", "coloc_slo_met", "job_requests", "job_unfinished", "job_misses", "job_p99_ms");

    public static final List<String> HISTOGRAMS_COLUMNS = List.of("policy", "replication", "service", "device", "bin",
            "bin_lo_ms", "bin_hi_ms", "count");
    public static final List<String> TIMELINE_COLUMNS = List.of("policy", "replication", "device", "state",
            "from_sec", "to_sec");
    /** The testbed's gradient calls split into their parts ({@link RoundCall}); the simulator writes no rounds.csv. */
    public static final List<String> ROUNDS_COLUMNS = List.of("policy", "replication", "round", "device", "samples",
            "call_ms", "params_encode_ms", "transport_ms", "params_decode_ms", "compute_ms", "gradient_encode_ms",
            "agent_handler_ms", "gradient_decode_ms", "compute_cpu_ms", "agent_handler_cpu_ms");
    /**
     * The host-speed probe's figure of each testbed run ({@link io.deepedge.models.HostProbe}): probes ended inside the
     * training job and their mean CPU time each (empty without one); of a simulated digital twin, the host-speed probe
     * its profiles recorded (the host it simulates); other simulations write no host-speed.csv.
     */
    public static final List<String> HOST_SPEED_COLUMNS = List.of("policy", "replication", "probes", "probe_cpu_ms");
    /**
     * Every step of the host-speed probe during each testbed run (from the run's start to its end, the LC load's
     * stretch included), one row each: when it ended in seconds from the run's time 0, the CPU its probe is pinned to
     * (-1: unpinned) and its CPU time; {@code simulate --host-trace} replays them second by second. Testbed results
     * only.
     */
    public static final List<String> HOST_STEPS_COLUMNS = List.of("policy", "replication", "t_sec", "cpu",
            "probe_cpu_ms");
    /** The per-run files {@code merge} concatenates, in this order. */
    public static final List<String> PER_RUN_FILES = List.of("runs.csv", "services.csv", "histograms.csv", "timeline.csv",
            "rounds.csv", "host-speed.csv", "host-steps.csv");

    private ResultFiles() {
    }

    public static void write(Path dir, List<RunResult> results, List<String> sweepPaths) throws IOException {
        try (Writer runs = Files.newBufferedWriter(dir.resolve("runs.csv"), StandardCharsets.UTF_8);
             Writer services = Files.newBufferedWriter(dir.resolve("services.csv"), StandardCharsets.UTF_8);
             Writer histograms = Files.newBufferedWriter(dir.resolve("histograms.csv"), StandardCharsets.UTF_8);
             Writer timeline = Files.newBufferedWriter(dir.resolve("timeline.csv"), StandardCharsets.UTF_8)) {
            runs.write(header(RUNS_COLUMNS, sweepPaths));
            services.write(header(SERVICES_COLUMNS, sweepPaths));
            histograms.write(header(HISTOGRAMS_COLUMNS, sweepPaths));
            timeline.write(header(TIMELINE_COLUMNS, sweepPaths));
            for (RunResult r : results) {
                runs.write(runRow(r, sweepPaths));
                for (ServiceStats s : r.services()) {
                    services.write(serviceRow(r, s, sweepPaths));
                    writeHistogram(histograms, r, s, sweepPaths);
                }
                for (TimelineInterval i : r.timeline()) {
                    timeline.write(withGrid(r, sweepPaths, List.of(r.policy(), r.replication(), i.device(),
                            i.state().id(), i.fromSec(), i.toSec())));
                }
            }
        }
        if (results.stream().anyMatch(r -> r.mode().equals("testbed"))) {
            writeRounds(dir, results, sweepPaths);
            writeHostSteps(dir, results, sweepPaths);
        }
        if (results.stream().anyMatch(r -> r.mode().equals("testbed") || r.hostProbe().measured())) {
            writeHostSpeed(dir, results, sweepPaths);
        }
    }

    /**
     * host-speed.csv, in testbed results and in a digital twin's whose profiles probed their host: one row per run, an
     * empty figure where no probe ended in its job (the twin's: the host its profiles were measured on).
     */
    private static void writeHostSpeed(Path dir, List<RunResult> results, List<String> sweepPaths) throws IOException {
        writeRows(dir.resolve("host-speed.csv"), HOST_SPEED_COLUMNS, results, sweepPaths,
                r -> List.of(List.<Object>of(r.hostProbe().probes(), r.hostProbe().cpuMsMean())));
    }

    /** host-steps.csv, in testbed results only: a header alone where no probe ran. */
    private static void writeHostSteps(Path dir, List<RunResult> results, List<String> sweepPaths) throws IOException {
        writeRows(dir.resolve("host-steps.csv"), HOST_STEPS_COLUMNS, results, sweepPaths,
                r -> r.hostSteps().stream().map(s -> List.<Object>of(s.atSec(), s.cpu(), s.cpuMs())).toList());
    }

    /** rounds.csv, in testbed results only: the simulator makes no gradient calls to split. */
    private static void writeRounds(Path dir, List<RunResult> results, List<String> sweepPaths) throws IOException {
        writeRows(dir.resolve("rounds.csv"), ROUNDS_COLUMNS, results, sweepPaths,
                r -> r.roundCalls().stream().map(c -> List.<Object>of(c.round(), c.device(), c.samples(), c.callMs(),
                        c.paramsEncodeMs(), c.transportMs(), c.paramsDecodeMs(), c.computeMs(), c.gradientEncodeMs(),
                        c.agentHandlerMs(), c.gradientDecodeMs(), c.computeCpuMs(), c.agentHandlerCpuMs())).toList());
    }

    /**
     * {@code file}: {@code columns} and the swept paths, then each run's rows in order, each the run's policy and
     * replication, the cells {@code rows} gives for it and its grid point's values.
     */
    private static void writeRows(Path file, List<String> columns, List<RunResult> results, List<String> sweepPaths,
                                  Function<RunResult, List<List<Object>>> rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header(columns, sweepPaths));
            for (RunResult r : results) {
                for (List<Object> cells : rows.apply(r)) {
                    List<Object> row = new ArrayList<>(List.of(r.policy(), r.replication()));
                    row.addAll(cells);
                    out.write(withGrid(r, sweepPaths, row));
                }
            }
        }
    }

    /** One row per non-empty bin; the last bin's upper edge (infinity) is an empty cell. */
    private static void writeHistogram(Writer out, RunResult r, ServiceStats s, List<String> sweepPaths)
            throws IOException {
        LatencyHistogram h = s.histogram();
        for (int i = 0; i < h.size(); i++) {
            int bin = h.bin(i);
            out.write(withGrid(r, sweepPaths, List.of(r.policy(), r.replication(), s.service(), s.device(), bin,
                    LatencyHistogram.lowerMs(bin), LatencyHistogram.upperMs(bin), h.count(i))));
        }
    }

    private static String withGrid(RunResult r, List<String> sweepPaths, List<Object> first) {
        List<Object> cells = new ArrayList<>(first);
        for (String path : sweepPaths) {
            cells.add(r.gridPoint().getOrDefault(path, ""));
        }
        return row(cells);
    }

    /** One CSV row: numbers by the result files' rule ({@link Numbers#exact}), everything else as text. */
    private static String row(List<?> cells) {
        List<String> text = new ArrayList<>(cells.size());
        for (Object c : cells) {
            text.add(c instanceof Double d ? Numbers.exact(d) : String.valueOf(c));
        }
        return new CsvText().row(text).toString();
    }

    private static String header(List<String> columns, List<String> sweepPaths) {
        List<Object> cells = new ArrayList<>(columns);
        cells.addAll(sweepPaths);
        return row(cells);
    }

    private static String runRow(RunResult r, List<String> sweepPaths) {
        List<Object> cells = new ArrayList<>(List.of(r.experiment(), r.mode(), r.policy(), r.replication(), r.seed(),
                r.finished(), r.retrainTimeSec(), r.planTimeMs(), r.devicesUsed(), r.plan(), r.lcRequests(),
                r.lcMisses(), r.lcMissRate(), r.lcLost(), r.lcP50Ms(), r.lcP95Ms(), r.lcP99Ms(), r.sloViolations(), r.failures(),
                r.workLostSec(), r.samplesTrained(), r.replans(), r.finalPlan(), r.rejected(), r.accuracyBefore(), r.accuracyAfter(),
                r.notFinishedReason(), r.lcUnfinished(), r.colocSloViolations(), r.retrainTimeLowerBoundSec(),
                io.deepedge.models.CfsCounts.render(r.cfs()), io.deepedge.models.CfsCounts.renderCpu(r.cfs()),
                io.deepedge.models.TrainingCpu.render(r.trainingCpu())));
        for (String path : sweepPaths) {
            cells.add(r.gridPoint().getOrDefault(path, ""));
        }
        return row(cells);
    }

    private static String serviceRow(RunResult r, ServiceStats s, List<String> sweepPaths) {
        List<Object> cells = new ArrayList<>(List.of(r.policy(), r.replication(), s.service(), s.device(),
                s.colocated(), s.requests(), s.misses(), s.lost(), s.meanMs(), s.p50Ms(), s.p95Ms(), s.p99Ms(),
                s.deadlineMs(), s.sloQuantile(), s.sloLatencyMs(), s.sloMet(), s.unfinished(), s.colocation().requests(),
                s.colocation().unfinished(), s.colocation().misses(), s.colocation().p99Ms(),
                s.colocation().sloLatencyMs(), s.colocSloMet(), s.job().requests(), s.job().unfinished(),
                s.job().misses(), s.job().p99Ms()));
        for (String path : sweepPaths) {
            cells.add(r.gridPoint().getOrDefault(path, ""));
        }
        return row(cells);
    }
}
