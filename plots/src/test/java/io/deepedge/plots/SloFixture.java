package io.deepedge.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written result files with every column the simulator writes today (the SLO and co-location views
 * included), for the headline, comparison and figure tests. Values not set by a test are fixed placeholders.
 */
final class SloFixture {
    static final String RUNS_HEADER = "experiment,mode,policy,replication,seed,finished,retrain_time_sec,plan_time_ms,"
            + "devices_used,plan,lc_requests,lc_misses,lc_miss_rate,lc_lost,lc_p50_ms,lc_p95_ms,lc_p99_ms,"
            + "slo_violations,failures,work_lost_sec,samples_trained,replans,final_plan,rejected,accuracy_before,"
            + "accuracy_after,not_finished_reason,lc_unfinished,coloc_slo_violations,retrain_time_sec_lb";
    static final String SERVICES_HEADER = "policy,replication,service,device,colocated,requests,misses,lost,mean_ms,"
            + "p50_ms,p95_ms,p99_ms,deadline_ms,slo_quantile,slo_latency_ms,slo_met,unfinished,coloc_requests,"
            + "coloc_unfinished,coloc_misses,coloc_p99_ms,coloc_slo_latency_ms,coloc_slo_met";
    static final double HORIZON_SEC = 3600;

    private final String mode;
    private final List<String> sweepColumns;
    private final List<String> runs = new ArrayList<>();
    private final List<String> services = new ArrayList<>();

    SloFixture(String mode, String... sweepColumns) {
        this.mode = mode;
        this.sweepColumns = List.of(sweepColumns);
    }

    /**
     * A runs.csv row: {@code retrainSec} null is an unfinished run; the seed is {@code 1000 + replication}
     * unless given through {@link #runWithSeed}.
     */
    SloFixture run(String policy, int replication, Double retrainSec, double missRate, double p99Ms,
                   int colocViolations, String... sweepValues) {
        return runWithSeed(policy, replication, 1000 + replication, retrainSec, missRate, p99Ms, colocViolations,
                sweepValues);
    }

    SloFixture runWithSeed(String policy, int replication, long seed, Double retrainSec, double missRate,
                           double p99Ms, int colocViolations, String... sweepValues) {
        boolean finished = retrainSec != null;
        String accuracy = mode.equals("testbed") ? "0.7,0.8" : ",";
        String row = String.join(",", "fixture", mode, policy, Integer.toString(replication), Long.toString(seed),
                Boolean.toString(finished), finished ? retrainSec.toString() : "", "1.5", "2", "a:100;b:300", "1000",
                Long.toString(Math.round(missRate * 1000)), Double.toString(missRate), "0", "20",
                Double.toString(p99Ms - 10), Double.toString(p99Ms), Integer.toString(colocViolations), "0", "0",
                finished ? "400" : "100", "0", "a:100;b:300", "", accuracy, finished ? "" : "horizon reached", "0",
                Integer.toString(colocViolations), finished ? retrainSec.toString() : Double.toString(HORIZON_SEC));
        runs.add(withSweep(row, sweepValues));
        return this;
    }

    /** A services.csv row of a co-located instance: its co-location view's p99 and whether that kept the SLO. */
    SloFixture service(String policy, int replication, String service, String device, double deadlineMs,
                       double colocP99Ms, String... sweepValues) {
        boolean met = colocP99Ms <= deadlineMs;
        String row = String.join(",", policy, Integer.toString(replication), service, device, "true", "1000", "10",
                "0", "30", "25", Double.toString(colocP99Ms / 2), Double.toString(colocP99Ms / 1.5),
                Double.toString(deadlineMs), "0.99", Double.toString(colocP99Ms / 1.5), "true", "0", "300", "0", "5",
                Double.toString(colocP99Ms), Double.toString(colocP99Ms), Boolean.toString(met));
        services.add(withSweep(row, sweepValues));
        return this;
    }

    private String withSweep(String row, String... sweepValues) {
        if (sweepValues.length != sweepColumns.size()) {
            throw new IllegalArgumentException("expected " + sweepColumns.size() + " sweep values");
        }
        return sweepValues.length == 0 ? row : row + "," + String.join(",", sweepValues);
    }

    /** Writes runs.csv and, when it has rows, services.csv into {@code dir}; returns {@code dir}. */
    Path writeTo(Path dir) throws IOException {
        write(dir.resolve("runs.csv"), RUNS_HEADER, runs);
        if (!services.isEmpty()) {
            write(dir.resolve("services.csv"), SERVICES_HEADER, services);
        }
        return dir;
    }

    /** runs.csv alone, checked as the report reads it. */
    ResultCsv runsCsv() {
        return parse("runs.csv", RUNS_HEADER, runs, ResultColumns.RUNS_LAYOUT);
    }

    ResultCsv servicesCsv() {
        return parse("services.csv", SERVICES_HEADER, services, ResultColumns.SERVICES_LAYOUT);
    }

    private ResultCsv parse(String name, String header, List<String> rows, ResultColumns.Layout layout) {
        List<String> problems = new ArrayList<>();
        ResultCsv csv = ResultCsv.parse(name, text(header, rows), layout, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("\n", problems));
        }
        return csv;
    }

    private String text(String header, List<String> rows) {
        StringBuilder text = new StringBuilder(header);
        sweepColumns.forEach(column -> text.append(',').append(column));
        text.append('\n');
        rows.forEach(row -> text.append(row).append('\n'));
        return text.toString();
    }

    private void write(Path file, String header, List<String> rows) throws IOException {
        Files.writeString(file, text(header, rows), StandardCharsets.UTF_8);
    }
}
