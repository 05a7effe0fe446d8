package io.deepedge.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Hand-written result CSVs for tests: a runs.csv and services.csv built row by row. */
final class ResultFixture {
    static final String RUNS_HEADER = "experiment,mode,policy,replication,seed,finished,retrain_time_sec,plan_time_ms,"
            + "devices_used,plan,lc_requests,lc_misses,lc_miss_rate,lc_lost,lc_p50_ms,lc_p95_ms,lc_p99_ms,failures,"
            + "work_lost_sec,samples_trained,replans";
    static final String SERVICES_HEADER = "policy,replication,service,device,colocated,requests,misses,lost,mean_ms,"
            + "p50_ms,p95_ms,p99_ms";

    private final List<String> sweepColumns;
    private final List<String> runs = new ArrayList<>();
    private final List<String> services = new ArrayList<>();
    /** Each run's cfs_throttled_share cell; the column is written when some run has one. */
    private final List<String> cfsCells = new ArrayList<>();
    /** Each run's cpu_cores_used cell; the column is written when some run has one. */
    private final List<String> cpuCells = new ArrayList<>();
    /** Each run's train_cpu_ms_per_sample cell; the column is written when some run has one. */
    private final List<String> trainCpuCells = new ArrayList<>();
    /** Each service row's job_p99_ms cell; the column is written when some row has one. */
    private final List<String> jobP99Cells = new ArrayList<>();
    /** runs.csv's mode of the runs added from now on: {@code sim} unless {@link #asTestbed}. */
    private String mode = "sim";

    ResultFixture(String... sweepColumns) {
        this.sweepColumns = List.of(sweepColumns);
    }

    /** The runs added from now on are a testbed's (mode {@code testbed}), as {@code testbed} writes them. */
    ResultFixture asTestbed() {
        mode = "testbed";
        return this;
    }

    /**
     * Adds a runs.csv row; {@code retrainSec} null means an unfinished run. p95 is p99 - 10 and work lost is
     * 2 * replication, so tests can check them too.
     */
    ResultFixture run(String policy, int replication, Double retrainSec, double missRate, double p99Ms,
                      String... sweepValues) {
        boolean finished = retrainSec != null;
        String row = String.join(",", "quickstart", mode, policy, Integer.toString(replication), "42",
                Boolean.toString(finished), finished ? retrainSec.toString() : "", "1.5", "2", "nano-1:100;fast:300",
                "1000", Long.toString(Math.round(missRate * 1000)), Double.toString(missRate), "0", "20",
                Double.toString(p99Ms - 10), Double.toString(p99Ms), "0", Integer.toString(2 * replication), "400",
                "0");
        runs.add(withSweep(row, sweepValues));
        cfsCells.add(null);
        cpuCells.add(null);
        trainCpuCells.add(null);
        return this;
    }

    /** The last run added was made with {@code seed} (42 unless set). */
    ResultFixture seed(long seed) {
        String[] cells = runs.get(runs.size() - 1).split(",", -1);
        cells[4] = Long.toString(seed);
        runs.set(runs.size() - 1, String.join(",", cells));
        return this;
    }

    /** The last run added gets {@code cell} as its cfs_throttled_share. */
    ResultFixture cfs(String cell) {
        cfsCells.set(cfsCells.size() - 1, cell);
        return this;
    }

    /** The last run added gets {@code cell} as its cpu_cores_used. */
    ResultFixture cpu(String cell) {
        cpuCells.set(cpuCells.size() - 1, cell);
        return this;
    }

    /** The last run added gets {@code cell} as its train_cpu_ms_per_sample. */
    ResultFixture trainCpu(String cell) {
        trainCpuCells.set(trainCpuCells.size() - 1, cell);
        return this;
    }

    /** Adds a services.csv row. */
    ResultFixture service(String policy, int replication, String service, String device, boolean colocated,
                          long requests, long misses, double p99Ms, String... sweepValues) {
        String row = String.join(",", policy, Integer.toString(replication), service, device,
                Boolean.toString(colocated), Long.toString(requests), Long.toString(misses), "0", "30", "25",
                Double.toString(p99Ms - 5), Double.toString(p99Ms));
        services.add(withSweep(row, sweepValues));
        jobP99Cells.add(null);
        return this;
    }

    /** The last service row added gets {@code cell} as its job_p99_ms (the job view's p99). */
    ResultFixture jobP99(String cell) {
        jobP99Cells.set(jobP99Cells.size() - 1, cell);
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
        boolean cfs = cfsCells.stream().anyMatch(java.util.Objects::nonNull);
        boolean cpu = cpuCells.stream().anyMatch(java.util.Objects::nonNull);
        boolean trainCpu = trainCpuCells.stream().anyMatch(java.util.Objects::nonNull);
        if (cfs || cpu || trainCpu) {
            List<String> withCells = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                String[] cells = runs.get(i).split(",", -1);
                int at = RUNS_HEADER.split(",").length;
                List<String> row = new ArrayList<>(List.of(cells).subList(0, at));
                if (cfs) {
                    row.add(cfsCells.get(i) == null ? "" : cfsCells.get(i));
                }
                if (cpu) {
                    row.add(cpuCells.get(i) == null ? "" : cpuCells.get(i));
                }
                if (trainCpu) {
                    row.add(trainCpuCells.get(i) == null ? "" : trainCpuCells.get(i));
                }
                row.addAll(List.of(cells).subList(at, cells.length));
                withCells.add(String.join(",", row));
            }
            write(dir.resolve("runs.csv"), RUNS_HEADER + (cfs ? ",cfs_throttled_share" : "")
                    + (cpu ? ",cpu_cores_used" : "") + (trainCpu ? ",train_cpu_ms_per_sample" : ""), withCells);
        } else {
            write(dir.resolve("runs.csv"), RUNS_HEADER, runs);
        }
        if (jobP99Cells.stream().anyMatch(java.util.Objects::nonNull)) {
            List<String> withCells = new ArrayList<>();
            int at = SERVICES_HEADER.split(",").length;
            for (int i = 0; i < services.size(); i++) {
                String[] cells = services.get(i).split(",", -1);
                List<String> row = new ArrayList<>(List.of(cells).subList(0, at));
                row.add(jobP99Cells.get(i) == null ? "" : jobP99Cells.get(i));
                row.addAll(List.of(cells).subList(at, cells.length));
                withCells.add(String.join(",", row));
            }
            write(dir.resolve("services.csv"), SERVICES_HEADER + ",job_p99_ms", withCells);
        } else if (!services.isEmpty()) {
            write(dir.resolve("services.csv"), SERVICES_HEADER, services);
        }
        return dir;
    }

    private void write(Path file, String header, List<String> rows) throws IOException {
        StringBuilder text = new StringBuilder(header);
        sweepColumns.forEach(column -> text.append(',').append(column));
        text.append('\n');
        rows.forEach(row -> text.append(row).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
