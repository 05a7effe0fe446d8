package io.deepedge.plots;

import static io.deepedge.plots.ColumnType.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Column names of the result files, as the "Result directory" contract fixes them.
 *
 * <p>A sweep column is any column of a file that is neither required nor a known optional column of that
 * file: the simulator names sweep columns by their dotted config path and appends them to each row.
 */
final class ResultColumns {
    static final String RUNS_FILE = "runs.csv";
    static final String SERVICES_FILE = "services.csv";
    static final String SUMMARY_FILE = "summary.csv";
    static final String REPORT_FILE = "report.html";
    static final String MANIFEST_FILE = "manifest.json";
    static final String PLOTS_DIR = "plots";
    static final String HISTOGRAMS_FILE = "histograms.csv";
    static final String TIMELINE_FILE = "timeline.csv";

    static final String EXPERIMENT = "experiment";
    static final String MODE = "mode";
    /** runs.csv's {@link #MODE} of a simulated run ({@code testbed} for a real one). */
    static final String SIMULATED_MODE = "sim";
    static final String POLICY = "policy";
    static final String REPLICATION = "replication";
    static final String SEED = "seed";
    static final String FINISHED = "finished";
    static final String RETRAIN_TIME_SEC = "retrain_time_sec";
    static final String PLAN = "plan";
    static final String PLAN_TIME_MS = "plan_time_ms";
    static final String DEVICES_USED = "devices_used";
    static final String LC_MISS_RATE = "lc_miss_rate";
    static final String LC_P95_MS = "lc_p95_ms";
    static final String LC_P99_MS = "lc_p99_ms";
    static final String WORK_LOST_SEC = "work_lost_sec";
    static final String NOT_FINISHED_REASON = "not_finished_reason";
    static final String LC_UNFINISHED = "lc_unfinished";
    static final String COLOC_SLO_VIOLATIONS = "coloc_slo_violations";
    /** The re-training time, or for an unfinished run the time from submission to the horizon: a lower bound. */
    static final String RETRAIN_TIME_LB_SEC = "retrain_time_sec_lb";
    /** Per run: each quota-limited device's share of throttled CFS periods, {@code device:share;...}. */
    static final String CFS_THROTTLED_SHARE = "cfs_throttled_share";
    /** Per run: each device's CPU used over the metrics window, in cores, {@code device:cores;...}. */
    static final String CPU_CORES_USED = "cpu_cores_used";
    /** Per run: each device's training CPU per sample over its finished batches, {@code device:ms;...}. */
    static final String TRAIN_CPU_MS_PER_SAMPLE = "train_cpu_ms_per_sample";

    static final String SERVICE = "service";
    static final String DEVICE = "device";
    static final String COLOCATED = "colocated";
    static final String REQUESTS = "requests";
    static final String MISSES = "misses";
    static final String LOST = "lost";
    static final String P99_MS = "p99_ms";
    static final String UNFINISHED = "unfinished";
    static final String COLOC_REQUESTS = "coloc_requests";
    static final String COLOC_MISSES = "coloc_misses";
    static final String COLOC_P99_MS = "coloc_p99_ms";
    /** Requests that arrived while the job's training ran on any device (the job view). */
    static final String JOB_REQUESTS = "job_requests";
    static final String JOB_P99_MS = "job_p99_ms";

    static final String RUNS = "runs";
    static final String FINISHED_FRACTION = "finished_fraction";
    static final String RETRAIN_MEAN = "retrain_time_sec_mean";
    static final String RETRAIN_CI95 = "retrain_time_sec_ci95";
    static final String RETRAIN_MEAN_CENSORED_LB = "retrain_time_sec_mean_censored_lb";
    static final String MISS_RATE_MEAN = "lc_miss_rate_mean";
    static final String MISS_RATE_CI95 = "lc_miss_rate_ci95";
    static final String P99_MEAN = "lc_p99_ms_mean";
    static final String P95_MEAN = "lc_p95_ms_mean";
    static final String PLAN_TIME_MEAN = "plan_time_ms_mean";
    static final String DEVICES_USED_MEAN = "devices_used_mean";
    static final String WORK_LOST_MEAN = "work_lost_sec_mean";
    static final String SLO_VIOLATIONS = "slo_violations";
    static final String SLO_VIOLATIONS_MEAN = "slo_violations_mean";
    static final String LC_RUNS = "lc_runs";
    static final String COLOC_SLO_VIOLATIONS_MEAN = "coloc_slo_violations_mean";
    static final String LC_UNFINISHED_MEAN = "lc_unfinished_mean";

    /** Columns every runs.csv must have (the contract's list). */
    static final List<String> RUNS_REQUIRED = List.of(EXPERIMENT, MODE, POLICY, REPLICATION, SEED, FINISHED,
            RETRAIN_TIME_SEC, PLAN_TIME_MS, DEVICES_USED, "plan", "lc_requests", "lc_misses", LC_MISS_RATE,
            "lc_p50_ms", LC_P95_MS, LC_P99_MS, "failures", WORK_LOST_SEC);
    /** Columns runs.csv may have that are not sweep columns. */
    static final List<String> RUNS_OPTIONAL = List.of("lc_lost", "slo_violations", "samples_trained", "replans",
            "final_plan", "rejected", "accuracy_before", "accuracy_after", NOT_FINISHED_REASON, LC_UNFINISHED,
            COLOC_SLO_VIOLATIONS, RETRAIN_TIME_LB_SEC, CFS_THROTTLED_SHARE, CPU_CORES_USED,
            TRAIN_CPU_MS_PER_SAMPLE);

    /** Columns every services.csv must have (the contract's list). */
    static final List<String> SERVICES_REQUIRED = List.of(POLICY, REPLICATION, SERVICE, DEVICE, COLOCATED,
            REQUESTS, MISSES, "mean_ms", "p50_ms", "p95_ms", P99_MS);
    static final List<String> SERVICES_OPTIONAL = List.of(LOST, "deadline_ms", "slo_quantile", "slo_latency_ms",
            "slo_met", UNFINISHED, COLOC_REQUESTS, "coloc_unfinished", COLOC_MISSES, COLOC_P99_MS,
            "coloc_slo_latency_ms", "coloc_slo_met", JOB_REQUESTS, "job_unfinished", "job_misses", JOB_P99_MS);

    /** The statistics columns of summary.csv, in output order; the sweep columns follow them. */
    static final List<String> SUMMARY_STATS = List.of(POLICY, RUNS, FINISHED, RETRAIN_MEAN, RETRAIN_CI95,
            MISS_RATE_MEAN, MISS_RATE_CI95, P99_MEAN, P95_MEAN, PLAN_TIME_MEAN, DEVICES_USED_MEAN, WORK_LOST_MEAN,
            SLO_VIOLATIONS_MEAN, LC_RUNS, FINISHED_FRACTION, RETRAIN_MEAN_CENSORED_LB, COLOC_SLO_VIOLATIONS_MEAN,
            LC_UNFINISHED_MEAN);
    /** Columns a summary.csv must have for the report (the contract's list plus {@code finished}). */
    static final List<String> SUMMARY_REQUIRED = List.of(POLICY, RUNS, FINISHED, RETRAIN_MEAN, RETRAIN_CI95,
            MISS_RATE_MEAN, MISS_RATE_CI95, P99_MEAN);

    /**
     * What one result file must hold: its required columns, the optional ones (neither are sweep columns) and
     * the type of every known column; any other column is a sweep column of free text.
     */
    record Layout(List<String> required, List<String> optional, Map<String, ColumnType> types) {
        Layout {
            required = List.copyOf(required);
            optional = List.copyOf(optional);
            types = Map.copyOf(types);
        }

        ColumnType type(String column) {
            return types.getOrDefault(column, TEXT);
        }
    }

    static final Layout RUNS_LAYOUT = new Layout(RUNS_REQUIRED, RUNS_OPTIONAL, types(Map.of(
            NAME, List.of(POLICY),
            FLAG, List.of(FINISHED),
            COUNT, List.of(REPLICATION, DEVICES_USED, "lc_requests", "lc_misses", "failures", "lc_lost",
                    SLO_VIOLATIONS, "samples_trained", "replans", LC_UNFINISHED, COLOC_SLO_VIOLATIONS),
            INTEGER, List.of(SEED),
            NUMBER, List.of(RETRAIN_TIME_SEC, PLAN_TIME_MS, LC_MISS_RATE, "lc_p50_ms", LC_P95_MS, LC_P99_MS,
                    WORK_LOST_SEC, "accuracy_before", "accuracy_after", RETRAIN_TIME_LB_SEC))));
    static final Layout SERVICES_LAYOUT = new Layout(SERVICES_REQUIRED, SERVICES_OPTIONAL, types(Map.of(
            NAME, List.of(POLICY, SERVICE, DEVICE),
            FLAG, List.of(COLOCATED, "slo_met", "coloc_slo_met"),
            COUNT, List.of(REPLICATION, REQUESTS, MISSES, LOST, UNFINISHED, COLOC_REQUESTS, "coloc_unfinished",
                    COLOC_MISSES, JOB_REQUESTS, "job_unfinished", "job_misses"),
            NUMBER, List.of("mean_ms", "p50_ms", "p95_ms", P99_MS, "deadline_ms", "slo_quantile", "slo_latency_ms",
                    COLOC_P99_MS, "coloc_slo_latency_ms", JOB_P99_MS))));
    /** Every statistics column but the policy and the three counts is a number. */
    static final Layout SUMMARY_LAYOUT = new Layout(SUMMARY_REQUIRED, SUMMARY_STATS, types(Map.of(
            NAME, List.of(POLICY),
            COUNT, List.of(RUNS, FINISHED, LC_RUNS),
            NUMBER, SUMMARY_STATS.stream().filter(c -> !List.of(POLICY, RUNS, FINISHED, LC_RUNS).contains(c)).toList())));

    /** histograms.csv: one row per non-empty latency bin of a service instance of a run. */
    static final Layout HISTOGRAMS_LAYOUT = new Layout(List.of(POLICY, REPLICATION, SERVICE, DEVICE, "bin",
            "bin_lo_ms", "bin_hi_ms", "count"), List.of(), types(Map.of(
            NAME, List.of(POLICY, SERVICE, DEVICE),
            COUNT, List.of(REPLICATION, "bin", "count"),
            NUMBER, List.of("bin_lo_ms", "bin_hi_ms"))));
    /** timeline.csv: one row per interval a device spent in one training state. */
    static final Layout TIMELINE_LAYOUT = new Layout(List.of(POLICY, REPLICATION, DEVICE, "state", "from_sec",
            "to_sec"), List.of(), types(Map.of(
            NAME, List.of(POLICY, DEVICE, "state"),
            COUNT, List.of(REPLICATION),
            NUMBER, List.of("from_sec", "to_sec"))));

    /** host-speed.csv (testbed results): each run's host-speed probe, its probes in the job and their mean CPU. */
    static final String HOST_SPEED_FILE = "host-speed.csv";
    static final String PROBE_CPU_MS = "probe_cpu_ms";
    static final Layout HOST_SPEED_LAYOUT = new Layout(List.of(POLICY, REPLICATION, "probes", PROBE_CPU_MS),
            List.of(), types(Map.of(
            NAME, List.of(POLICY),
            COUNT, List.of(REPLICATION, "probes"),
            NUMBER, List.of(PROBE_CPU_MS))));

    /** host-steps.csv (testbed results): every step of the host-speed probe during each run. */
    static final Layout HOST_STEPS_LAYOUT = new Layout(List.of(POLICY, REPLICATION, "t_sec", "cpu", PROBE_CPU_MS),
            List.of(), types(Map.of(
            NAME, List.of(POLICY),
            COUNT, List.of(REPLICATION),
            INTEGER, List.of("cpu"),
            NUMBER, List.of("t_sec", PROBE_CPU_MS))));

    private ResultColumns() {
    }

    /** Column to type, from the columns of each type. */
    private static Map<String, ColumnType> types(Map<ColumnType, List<String>> columnsByType) {
        Map<String, ColumnType> types = new HashMap<>();
        columnsByType.forEach((type, columns) -> columns.forEach(column -> types.put(column, type)));
        return types;
    }

    /** The columns of {@code header} that are neither in {@code required} nor in {@code optional}, in header order. */
    static List<String> sweepColumns(List<String> header, List<String> required, List<String> optional) {
        Set<String> known = new LinkedHashSet<>(required);
        known.addAll(optional);
        List<String> sweep = new ArrayList<>();
        for (String column : header) {
            if (!known.contains(column)) {
                sweep.add(column);
            }
        }
        return List.copyOf(sweep);
    }
}
