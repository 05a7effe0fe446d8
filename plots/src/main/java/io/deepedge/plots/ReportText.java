package io.deepedge.plots;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report's explanatory prose: chart captions and the meaning of each column, in one place to edit.
 */
final class ReportText {
    static final String RETRAIN_BARS = "Mean re-training time (job submission to final model) of each policy, over"
            + " its finished replications. Error bars: half-width of the 95 % Student-t confidence interval (none"
            + " with fewer than two finished runs). A policy that never finished has no bar. Lower is better.";
    static final String RETRAIN_CENSORED_BARS = "Mean re-training time over every replication, an unfinished run"
            + " counted as if it had finished at the horizon: a lower bound of the true mean, which does not"
            + " flatter a policy whose runs often fail to finish (the bars above average finished runs only).";
    static final String MISS_RATE_BARS = "Mean fraction of latency-critical (LC) requests that missed their"
            + " deadline, over all service instances and all replications of each policy, over the experiment's"
            + " metrics window (the same for every policy). Error bars: 95 % confidence half-width. Lower is"
            + " better: it shows how much the training disturbs the services.";
    static final String P99_BARS = "Mean over replications of each run's 99th-percentile LC latency, all service"
            + " instances together, over the metrics window; requests unfinished at its end count with their age."
            + " Compare it with the services' deadlines; lower is better.";
    static final String SLO_BARS = "Mean number of LC service instances per run whose SLO broke over the metrics"
            + " window: their SLO-quantile latency exceeded the deadline. 0 means every service kept its SLO;"
            + " compare re-training times among the policies at 0.";
    static final String COLOC_SLO_BARS = "Mean number of LC service instances per run whose SLO broke on the"
            + " co-location view: judged only on the requests that arrived while the job trained on their"
            + " device, so a long window cannot dilute it. This is the constraint a scheduler promises to keep.";
    static final String RETRAIN_BOXES = "Re-training time of the finished replications, one box per policy: the"
            + " box spans the quartiles, the line inside is the median, the whiskers reach the furthest runs within"
            + " 1.5 inter-quartile ranges and crosses mark runs beyond. It shows how far a single run can be from"
            + " the mean.";
    static final String SWEEP_RETRAIN = "Mean re-training time (finished runs) against the first swept parameter,"
            + " one line per policy; the shaded band (or the error bars on a category axis) is the 95 % Student-t"
            + " confidence interval of the mean. A gap means no replication finished at that grid point.";
    static final String SWEEP_MISS_RATE = "Mean LC deadline-miss rate against the first swept parameter, one line"
            + " per policy, with its 95 % confidence band.";
    static final String SWEEP_P99 = "Mean of the runs' p99 LC latency (all service instances) against the first"
            + " swept parameter, one line per policy, with its 95 % confidence band.";
    static final String SWEEP_COLOC_SLO = "Mean number of service instances per run whose SLO broke in the"
            + " co-location view, against the first swept parameter, one line per policy, with its 95 % confidence"
            + " band. 0 means every SLO held.";
    static final String SERVICE_P99_COLOC = "Mean p99 latency of the requests that arrived while the job's training"
            + " ran on the instance's device (co-location view), per policy (x) and device (bars), over the runs"
            + " with such requests; error bars: 95 % confidence half-width. The dashed red line is the service's"
            + " deadline: a bar above it means the SLO broke beside the training (exactly so when the SLO quantile is"
            + " 0.99). No bar: training never ran on that device under that policy. The whole window's p99 is in"
            + " the services table.";
    static final String SERVICE_P99_WINDOW = "Mean p99 latency of the service over the metrics window, per policy"
            + " (x) and device (bars); error bars: 95 % confidence half-width. The dashed red line is the service's"
            + " deadline.";

    static final String HEADLINE = "The best policy is the fastest (lowest mean re-training time) among those that"
            + " kept every SLO and finished every run: no run broke an SLO in the co-location view (runs.csv"
            + " coloc_slo_violations = 0, judged on the requests that arrived while training ran on their device)."
            + " A policy with an unfinished run is never the best, since its mean covers only its finished runs;"
            + " a faster policy is named with what it broke, the latency being the mean over the runs that broke it.";
    static final String COMPARISON = "Each policy against the baseline by paired differences: replication r of"
            + " the policy minus replication r of the baseline (same seed, so the same arrivals and service times),"
            + " mean_diff their mean (negative: lower than the baseline) and ci95 the half-width of its 95 %"
            + " Student-t confidence interval, t(0.975, n-1) s_d / sqrt(n) over the n pairs; rel_diff = mean_diff /"
            + " baseline_mean. A pair without a value on both sides (an unfinished job for retrain_time_sec) is left"
            + " out and counted (unpaired, note). A CI wider than 50 % of |mean_diff| is flagged, with the"
            + " replications that would narrow it: n' = ceil(n (ci95 / (0.5 |mean_diff|))^2).";

    static final String INTRO = "Each policy was run for several replications with the same random streams, so"
            + " differences between policies are not noise of different inputs, and every policy's LC metrics cover"
            + " the same metrics window (by default from the job's submission to the horizon, the run going on"
            + " after the job finishes). Means are over replications;"
            + " a _ci95 column is the half-width of the 95 % Student-t confidence interval of the mean"
            + " (empty with fewer than two values).";
    static final String BEST_ROW = "The highlighted row is the headline's best policy at its grid point: the fastest"
            + " that kept every SLO and finished every run.";
    static final String RUNS_TABLE = "One row per run, as in runs.csv: plan lists device:samples pairs;"
            + " retrain_time_sec is empty when the job did not finish within the horizon, and not_finished_reason"
            + " says why (the policy's own reason when it postponed the job to the horizon).";
    static final String SERVICES_TABLE = "services.csv per service instance (service on a device) and policy:"
            + " colocated says in how many runs training ran on that device; requests, miss rate (misses /"
            + " requests of each run) and p99 latency are means over runs, over the metrics window; co-located p99"
            + " is the mean p99 of the requests that arrived while training ran on the device (runs with such"
            + " requests only); unfinished counts requests still in the system at the window's end.";
    static final String NO_SERVICES = "No services.csv in this result directory: no per-service table.";
    static final String NO_FIGURES = "No chart could be drawn: the summary has no values.";

    /** Meaning of each summary.csv statistics column, in column order. */
    static final Map<String, String> SUMMARY_COLUMNS = summaryColumns();

    private ReportText() {
    }

    private static Map<String, String> summaryColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("policy", "scheduling policy id");
        columns.put("runs", "replications of the policy (at the grid point)");
        columns.put("finished", "runs whose training job finished within the horizon");
        columns.put("retrain_time_sec_mean", "mean time from job submission to final model, seconds, finished runs only");
        columns.put("lc_miss_rate_mean", "mean fraction of LC requests that missed their deadline, over the runs that"
                + " had LC requests in the metrics window (lc_runs)");
        columns.put("lc_p99_ms_mean", "mean of the runs' 99th-percentile LC latency, milliseconds");
        columns.put("lc_p95_ms_mean", "mean of the runs' 95th-percentile LC latency, milliseconds");
        columns.put("plan_time_ms_mean", "mean wall time spent deciding plans per run, milliseconds");
        columns.put("devices_used_mean", "mean number of devices in the first plan");
        columns.put("work_lost_sec_mean", "mean training time rolled back by device failures, seconds");
        columns.put("slo_violations_mean", "mean number of service instances whose SLO-quantile latency exceeded"
                + " their deadline over the metrics window in a run (0: every SLO held)");
        columns.put("lc_runs", "runs with at least one LC request in the metrics window: the runs the lc_ means are"
                + " over (a run without LC requests has empty lc_ cells, not 0)");
        columns.put("finished_fraction", "finished / runs: read it next to the mean re-training time");
        columns.put("retrain_time_sec_mean_censored_lb", "mean re-training time over every run, an unfinished run"
                + " counted at the horizon: a lower bound of the true mean when some runs did not finish");
        columns.put("coloc_slo_violations_mean", "slo_violations_mean judged on the co-location view: the requests"
                + " that arrived while training ran on the instance's device");
        columns.put("lc_unfinished_mean", "mean number of LC requests still queued or in service at the end of the"
                + " metrics window (counted in the latencies with their age, a lower bound), over the lc_runs runs");
        columns.put("other columns", "swept config paths and their values at the grid point");
        return columns;
    }
}
