package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The comparison of a simulated and a real result directory of one experiment ({@code deepedge validate}): per
 * grid point, policy and metric, the mean of each side over its runs, the 95 % Student-t CI half-width of each
 * side (the code summary.csv uses), each side's number of runs with a value, and the relative error
 * {@code (sim - real) / real}. Reads runs.csv and services.csv of both directories (summary.csv is not read:
 * its means are recomputed from runs.csv by the same code); whether the two are the same experiment is the
 * caller's check (it reads the manifests).
 */
public final class Validation {
    static final String FILE = "validation.csv";

    private final List<String> sweepColumns;
    private final List<ValidationRow> rows;
    private final Optional<ValidationTimeline> timeline;
    private final Optional<CpuConditioning> cpu;
    private final Optional<HostSpeedConditioning> host;
    private final double resolveTolerance;

    private Validation(List<String> sweepColumns, List<ValidationRow> rows, Optional<ValidationTimeline> timeline,
                       Optional<CpuConditioning> cpu, Optional<HostSpeedConditioning> host, double resolveTolerance) {
        this.sweepColumns = List.copyOf(sweepColumns);
        this.rows = List.copyOf(rows);
        this.timeline = timeline;
        this.cpu = cpu;
        this.host = host;
        this.resolveTolerance = resolveTolerance;
    }

    /**
     * The same comparison planning its runs to resolve (the summary line's and the report's "runs a cell") for a
     * relative error of +/- {@code tolerance} (a fraction; {@link RunsToResolve#DEFAULT_TOLERANCE} unless set).
     *
     * @throws IllegalArgumentException unless {@code 0 < tolerance}
     */
    public Validation resolving(double tolerance) {
        RunsToResolve.checkTolerance(tolerance);
        return new Validation(sweepColumns, rows, timeline, cpu, host, tolerance);
    }

    /** The +/- relative error the runs-to-resolve figures plan for (a fraction). */
    double resolveTolerance() {
        return resolveTolerance;
    }

    /**
     * Reads and checks both directories' runs.csv and services.csv, then compares them; and their timeline.csv
     * when both have one ({@link ValidationTimeline}).
     *
     * @throws ResultFileException with every problem of every file (a missing or malformed file, sweep columns
     *         that differ between the two directories); nothing is computed then
     */
    public static Validation read(Path simDir, Path realDir) {
        List<String> problems = new ArrayList<>();
        ResultCsv simRuns = ResultCsv.read(simDir.resolve(RUNS_FILE), RUNS_LAYOUT, problems);
        ResultCsv simServices = ResultCsv.read(simDir.resolve(SERVICES_FILE), SERVICES_LAYOUT, problems);
        ResultCsv realRuns = ResultCsv.read(realDir.resolve(RUNS_FILE), RUNS_LAYOUT, problems);
        ResultCsv realServices = ResultCsv.read(realDir.resolve(SERVICES_FILE), SERVICES_LAYOUT, problems);
        ResultFileException.throwIfAny(problems);
        Map<ValidationMetric, List<Map<String, Double>>> simCfs = deviceCells(simRuns, problems);
        Map<ValidationMetric, List<Map<String, Double>>> realCfs = deviceCells(realRuns, problems);
        List<String> sweep = ResultColumns.sweepColumns(simRuns.columns(), RUNS_REQUIRED, RUNS_OPTIONAL);
        sameSweep(sweep, simRuns, realRuns, RUNS_REQUIRED, RUNS_OPTIONAL, problems);
        sameSweep(sweep, simRuns, simServices, SERVICES_REQUIRED, SERVICES_OPTIONAL, problems);
        sameSweep(sweep, simRuns, realServices, SERVICES_REQUIRED, SERVICES_OPTIONAL, problems);
        Optional<ValidationTimeline> timeline = ValidationTimeline.read(simDir, realDir, sweep, problems);
        Optional<ResultCsv> simProbes = hostSpeed(simDir, sweep, simRuns, problems);
        Optional<ResultCsv> realProbes = hostSpeed(realDir, sweep, simRuns, problems);
        ResultFileException.throwIfAny(problems);
        Side sim = Side.of(simRuns, simServices, simCfs, sweep);
        Side real = Side.of(realRuns, realServices, realCfs, sweep);
        Optional<HostSpeedConditioning> host = realProbes.flatMap(rp -> HostSpeedConditioning.of(
                hostRuns(sweep, sim, simProbes, real, rp)));
        return new Validation(sweep, compare(sweep, sim, real), timeline, CpuConditioning.of(cpuPairs(sweep, sim, real)),
                host, RunsToResolve.DEFAULT_TOLERANCE);
    }

    /**
     * {@code dir}'s host-speed.csv when it has one (a testbed's, or a twin's whose profiles probed their host), checked
     * as the other files are.
     */
    private static Optional<ResultCsv> hostSpeed(Path dir, List<String> sweep, ResultCsv reference,
                                                 List<String> problems) {
        Path file = dir.resolve(HOST_SPEED_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ResultCsv csv = ResultCsv.read(file, HOST_SPEED_LAYOUT, problems);
        if (csv == null) {
            return Optional.empty();
        }
        sameSweep(sweep, reference, csv, HOST_SPEED_LAYOUT.required(), List.of(), problems);
        return Optional.of(csv);
    }

    /**
     * Every run of both sides for {@link HostSpeedConditioning}: its row, re-training time and probe figure (from the
     * side's host-speed.csv row of the same grid point, policy and replication; NaN where it has none).
     */
    private static List<HostSpeedConditioning.Run> hostRuns(List<String> sweep, Side sim, Optional<ResultCsv> simProbes,
                                                           Side real, ResultCsv realProbes) {
        List<HostSpeedConditioning.Run> runs = new ArrayList<>();
        addHostRuns(runs, true, sweep, sim, simProbes);
        addHostRuns(runs, false, sweep, real, Optional.of(realProbes));
        return runs;
    }

    private static void addHostRuns(List<HostSpeedConditioning.Run> runs, boolean simSide, List<String> sweep,
                                    Side side, Optional<ResultCsv> probes) {
        Map<List<String>, Double> probeByRun = new java.util.HashMap<>();
        probes.ifPresent(p -> {
            for (int row = 0; row < p.rowCount(); row++) {
                probeByRun.putIfAbsent(runOf(p, row, sweep), p.number(row, PROBE_CPU_MS));
            }
        });
        for (int row = 0; row < side.runs().rowCount(); row++) {
            // a simulated run's figure is the host it simulated (its profiles', or the testbed run's it replayed), not
            // one measured during it
            runs.add(new HostSpeedConditioning.Run(new GroupKey(side.runs().texts(row, sweep),
                    side.runs().text(row, POLICY)), simSide, side.runs().number(row, RETRAIN_TIME_SEC),
                    probeByRun.getOrDefault(runOf(side.runs(), row, sweep), Double.NaN),
                    side.runs().text(row, MODE).equals(SIMULATED_MODE)));
        }
    }

    /**
     * The same-seed pairs of runs (grid point, policy, replication and seed alike) with a re-training time and a
     * training CPU a sample on both sides ({@link CpuConditioning}), in the real side's order.
     */
    private static List<CpuConditioning.Pair> cpuPairs(List<String> sweep, Side sim, Side real) {
        List<Map<String, Double>> simCpu = sim.cfs().get(ValidationMetric.TRAIN_CPU_MS_PER_SAMPLE);
        List<Map<String, Double>> realCpu = real.cfs().get(ValidationMetric.TRAIN_CPU_MS_PER_SAMPLE);
        Map<List<String>, Integer> simRows = new java.util.HashMap<>();
        for (int row = 0; row < sim.runs().rowCount(); row++) {
            simRows.putIfAbsent(seededRunOf(sim, row, sweep), row);
        }
        List<CpuConditioning.Pair> pairs = new ArrayList<>();
        for (int row = 0; row < real.runs().rowCount(); row++) {
            Integer s = simRows.get(seededRunOf(real, row, sweep));
            if (s == null) {
                continue;
            }
            double simSec = sim.runs().number(s, RETRAIN_TIME_SEC);
            double realSec = real.runs().number(row, RETRAIN_TIME_SEC);
            double x = CpuConditioning.cpuLogRatio(simCpu.get(s), realCpu.get(row),
                    CpuConditioning.planSamples(real.runs().has(PLAN) ? real.runs().text(row, PLAN) : ""));
            if (simSec > 0 && realSec > 0 && Double.isFinite(x)) {
                pairs.add(new CpuConditioning.Pair(new GroupKey(real.runs().texts(row, sweep),
                        real.runs().text(row, POLICY)), x, Math.log(simSec / realSec)));
            }
        }
        return pairs;
    }

    private static List<String> seededRunOf(Side side, int row, List<String> sweep) {
        List<String> run = runOf(side.runs(), row, sweep);
        run.add(side.runKeys().get(row));
        return run;
    }

    private static Map<ValidationMetric, List<Map<String, Double>>> deviceCells(ResultCsv runs, List<String> problems) {
        Map<ValidationMetric, List<Map<String, Double>>> cells = new java.util.EnumMap<>(ValidationMetric.class);
        for (ValidationMetric metric : ValidationMetric.DEVICE_METRICS) {
            cells.put(metric, metric.deviceValues(runs, problems));
        }
        return cells;
    }

    private static void sameSweep(List<String> expected, ResultCsv reference, ResultCsv csv, List<String> required,
                                  List<String> optional, List<String> problems) {
        List<String> sweep = ResultColumns.sweepColumns(csv.columns(), required, optional);
        if (!sweep.equals(expected)) {
            problems.add(ResultCsv.problem(csv.fileName(), 1, "header", "sweep columns differ",
                    String.join(",", sweep), (expected.isEmpty() ? "none" : String.join(",", expected))
                            + " as in " + reference.fileName()));
        }
    }

    /**
     * One directory's two files, each runs.csv row's devices' throttled shares, and the run key of every row of
     * each file for the same-seed pairs ({@code replication/seed}; services.csv has no seed column, so its rows take
     * their run's, and a row whose run is not in runs.csv has none: null).
     */
    private record Side(ResultCsv runs, ResultCsv services, Map<ValidationMetric, List<Map<String, Double>>> cfs,
                        List<String> runKeys, List<String> serviceRunKeys) {
        static Side of(ResultCsv runs, ResultCsv services, Map<ValidationMetric, List<Map<String, Double>>> cfs,
                       List<String> sweep) {
            List<String> runKeys = new ArrayList<>(runs.rowCount());
            Map<List<String>, String> byRun = new java.util.HashMap<>();
            for (int row = 0; row < runs.rowCount(); row++) {
                runKeys.add(runs.text(row, REPLICATION) + "/" + runs.text(row, SEED));
                byRun.putIfAbsent(runOf(runs, row, sweep), runKeys.get(row));
            }
            List<String> serviceRunKeys = new ArrayList<>(services.rowCount());
            for (int row = 0; row < services.rowCount(); row++) {
                serviceRunKeys.add(byRun.get(runOf(services, row, sweep)));
            }
            return new Side(runs, services, cfs, runKeys, serviceRunKeys);
        }

        Map<GroupKey, IntList> runGroups(List<String> sweep) {
            return Summary.groups(runs, sweep);
        }

        /** The services.csv rows of each (grid point, policy), per service instance, in first-appearance order. */
        Map<GroupKey, Map<List<String>, IntList>> instanceGroups(List<String> sweep) {
            Map<GroupKey, Map<List<String>, IntList>> groups = new LinkedHashMap<>();
            for (int row = 0; row < services.rowCount(); row++) {
                GroupKey key = new GroupKey(services.texts(row, sweep), services.text(row, POLICY));
                List<String> instance = List.of(services.text(row, SERVICE), services.text(row, DEVICE));
                groups.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(instance, i -> new IntArrayList()).add(row);
            }
            return groups;
        }

        /** The devices this side has {@code metric} of in the given runs, in first-appearance order. */
        Set<String> devices(ValidationMetric metric, IntList rows) {
            Set<String> devices = new LinkedHashSet<>();
            for (int i = 0; i < rows.size(); i++) {
                devices.addAll(cfs.get(metric).get(rows.getInt(i)).keySet());
            }
            return devices;
        }

        boolean hasAny(ValidationMetric metric) {
            for (int row = 0; row < runs.rowCount(); row++) {
                if (!Double.isNaN(metric.value(runs, row))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A row's grid point, policy and replication: which run it belongs to. */
    private static List<String> runOf(ResultCsv csv, int row, List<String> sweep) {
        List<String> run = new ArrayList<>(csv.texts(row, sweep));
        run.add(csv.text(row, POLICY));
        run.add(csv.text(row, REPLICATION));
        return run;
    }

    /** Rows for every (grid point, policy) of either side: the simulated side's order, then the real-only ones. */
    private static List<ValidationRow> compare(List<String> sweep, Side sim, Side real) {
        Map<GroupKey, IntList> simRuns = sim.runGroups(sweep);
        Map<GroupKey, IntList> realRuns = real.runGroups(sweep);
        Map<GroupKey, Map<List<String>, IntList>> simInstances = sim.instanceGroups(sweep);
        Map<GroupKey, Map<List<String>, IntList>> realInstances = real.instanceGroups(sweep);
        Set<GroupKey> keys = new LinkedHashSet<>(simRuns.keySet());
        keys.addAll(realRuns.keySet());
        keys.addAll(simInstances.keySet());
        keys.addAll(realInstances.keySet());
        List<ValidationRow> rows = new ArrayList<>();
        for (GroupKey key : keys) {
            IntList none = new IntArrayList();
            for (ValidationMetric metric : ValidationMetric.RUN_METRICS) {
                if (metric.onlyWhenBothHaveIt() && !(sim.hasAny(metric) && real.hasAny(metric))) {
                    continue;
                }
                rows.add(row(key, metric, "", "",
                        values(sim.runs(), sim.runKeys(), simRuns.getOrDefault(key, none), metric),
                        values(real.runs(), real.runKeys(), realRuns.getOrDefault(key, none), metric)));
            }
            rows.addAll(deviceRows(key, sim, simRuns.getOrDefault(key, none), real, realRuns.getOrDefault(key, none)));
            Map<List<String>, IntList> simByInstance = simInstances.getOrDefault(key, Map.of());
            Map<List<String>, IntList> realByInstance = realInstances.getOrDefault(key, Map.of());
            Set<List<String>> instances = new LinkedHashSet<>(simByInstance.keySet());
            instances.addAll(realByInstance.keySet());
            for (List<String> instance : instances) {
                for (ValidationMetric metric : ValidationMetric.SERVICE_METRICS) {
                    if (!(metric.inServices(sim.services()) && metric.inServices(real.services()))) {
                        continue;
                    }
                    rows.add(row(key, metric, instance.get(0), instance.get(1),
                            values(sim.services(), sim.serviceRunKeys(), simByInstance.getOrDefault(instance, none),
                                    metric),
                            values(real.services(), real.serviceRunKeys(),
                                    realByInstance.getOrDefault(instance, none), metric)));
                }
            }
        }
        return rows;
    }

    /**
     * The per-device rows of one (grid point, policy): per device metric, every device both sides have it of (a
     * device only one side counts, e.g. a remote agent's CFS periods, has nothing to compare). A run without the
     * device in its cell gives no value.
     */
    private static List<ValidationRow> deviceRows(GroupKey key, Side sim, IntList simRows, Side real,
                                                  IntList realRows) {
        List<ValidationRow> rows = new ArrayList<>();
        for (ValidationMetric metric : ValidationMetric.DEVICE_METRICS) {
            Set<String> devices = sim.devices(metric, simRows);
            devices.retainAll(real.devices(metric, realRows));
            for (String device : devices) {
                rows.add(row(key, metric, "", device, deviceValues(sim, metric, simRows, device),
                        deviceValues(real, metric, realRows, device)));
            }
        }
        return rows;
    }

    /**
     * One side's values of a row, each with its run's key ({@code replication/seed}; null when the run is not in
     * runs.csv), for the same-seed pairs.
     */
    private record RunValues(DoubleList values, List<String> runKeys) {
        /** The values with a run key, by key; a key seen twice (a merged directory) keeps its first value. */
        Map<String, Double> byRun() {
            Map<String, Double> byRun = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                if (runKeys.get(i) != null && !Double.isNaN(values.getDouble(i))) {
                    byRun.putIfAbsent(runKeys.get(i), values.getDouble(i));
                }
            }
            return byRun;
        }
    }

    private static ValidationRow row(GroupKey key, ValidationMetric metric, String service, String device,
                                     RunValues sim, RunValues real) {
        SameSeedPairs pairs = SameSeedPairs.NONE;
        Map<String, Double> realByRun = real.byRun();
        for (Map.Entry<String, Double> s : sim.byRun().entrySet()) {
            Double r = realByRun.get(s.getKey());
            if (r != null) {
                pairs = pairs.plus(SameSeedPairs.of(s.getValue(), r));
            }
        }
        return new ValidationRow(key.point(), key.policy(), metric, service, device, MeanCi.of(sim.values()),
                MeanCi.of(real.values()), pairs);
    }

    private static RunValues deviceValues(Side side, ValidationMetric metric, IntList rows, String device) {
        List<Map<String, Double>> cells = side.cfs().get(metric);
        return values(rows, side.runKeys(), row -> cells.get(row).getOrDefault(device, Double.NaN));
    }

    /** {@code metric}'s values in the given rows of {@code csv}, whose rows' run keys are {@code runKeys}. */
    private static RunValues values(ResultCsv csv, List<String> runKeys, IntList rows, ValidationMetric metric) {
        return values(rows, runKeys, row -> metric.value(csv, row));
    }

    /** {@code value} of each of the given rows, with the row's run key. */
    private static RunValues values(IntList rows, List<String> runKeys, java.util.function.IntToDoubleFunction value) {
        DoubleList values = new DoubleArrayList(rows.size());
        List<String> keys = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            values.add(value.applyAsDouble(rows.getInt(i)));
            keys.add(runKeys.get(rows.getInt(i)));
        }
        return new RunValues(values, keys);
    }

    List<ValidationRow> rows() {
        return rows;
    }

    List<String> sweepColumns() {
        return sweepColumns;
    }

    /** The training timelines compared, when both directories have them. */
    Optional<ValidationTimeline> timeline() {
        return timeline;
    }

    /** The fit behind {@link #cpuSummary} (for tests and the report). */
    Optional<CpuConditioning> cpu() {
        return cpu;
    }

    /** The fit behind {@link #hostSummary} (for tests and the report). */
    Optional<HostSpeedConditioning> host() {
        return host;
    }

    /** The re-training error at the testbed's median host speed; empty without probed real runs. */
    public Optional<String> hostSummary() {
        return host.flatMap(HostSpeedConditioning::summary);
    }

    /** How much of the re-training error the training's CPU a sample explains; empty without enough pairs. */
    public Optional<String> cpuSummary() {
        return cpu.map(CpuConditioning::summary);
    }

    /** The text of validation.csv. */
    String csv() {
        return ValidationTable.csv(this);
    }

    /**
     * One line for the terminal: per metric, the median and the largest |relative error| over its rows with a
     * defined relative error, e.g. {@code retrain_time_sec median 3.1 % max 7.2 % (2)}.
     */
    public String summaryLine() {
        return ValidationTable.summaryLine(this);
    }

    /**
     * Writes {@code validation.csv}, {@code validation-timeline.csv} (when both sides have timelines), the scatter
     * plots ({@code plots/validation_*.png} and {@code .svg}) and {@code report.html} into {@code outDir}, an existing
     * folder.
     *
     * @param title what the page's title names (the experiment)
     * @param simLabel how the page names the simulated directory
     * @param realLabel how the page names the real directory
     * @return the report file
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public Path write(Path outDir, String title, String simLabel, String realLabel) {
        Headless.ensure();
        List<ValidationFigures.Drawn> charts = ValidationFigures.charts(rows);
        String html = ValidationPage.render(new ValidationPage.Input(title, simLabel, realLabel, this,
                charts.stream().map(ValidationFigures.Drawn::figure).toList()));
        TextFiles.write(outDir.resolve(FILE), csv());
        timeline.ifPresent(t -> TextFiles.write(outDir.resolve(ValidationTimeline.FILE), t.csv()));
        cpu.ifPresent(c -> TextFiles.write(outDir.resolve(CpuConditioning.FILE), c.csv(sweepColumns)));
        host.ifPresent(h -> TextFiles.write(outDir.resolve(HostSpeedConditioning.FILE), h.csv(sweepColumns)));
        ValidationFigures.save(outDir, charts);
        Path report = outDir.resolve(REPORT_FILE);
        TextFiles.write(report, html);
        return report;
    }

    /** Whether {@code dir} looks like validate's output (validation.csv, no runs.csv), for commands that read result folders. */
    public static boolean isValidationDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE)) && !Files.exists(dir.resolve(RUNS_FILE));
    }
}
