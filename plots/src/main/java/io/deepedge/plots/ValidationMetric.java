package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.util.List;

/**
 * One quantity {@code validate} compares between a simulated and a real result directory: the file its per-run
 * values come from, how one value is read from a row, and its unit (which chart it is drawn on).
 *
 * <p>Whole-run metrics come from runs.csv; {@code retrain_time_sec} is read from finished runs only, as
 * summary.csv does. Per-instance metrics ({@code service_*}) come from services.csv, one value per run and
 * service instance; {@code service_miss_rate} is that row's {@code misses / requests} (none without requests).
 * The accuracy metrics are compared only when both directories have a value of them (the simulator has
 * accuracy only with an accuracy model). The per-device metric {@code cfs_throttled_share} comes from runs.csv's
 * cell of that name ({@code device:share} pairs), one value per run and device, and is compared only when both
 * directories count some device's CFS periods; {@code cpu_cores_used} and {@code train_cpu_ms_per_sample} likewise
 * per device both directories have them of. {@code service_job_p99_ms}, the p99 of an instance's job view, is
 * compared only when both services.csv have its column.
 */
enum ValidationMetric {
    RETRAIN_TIME_SEC("retrain_time_sec", false, Unit.SECONDS),
    LC_MISS_RATE("lc_miss_rate", false, Unit.FRACTION),
    LC_P50_MS("lc_p50_ms", false, Unit.MILLISECONDS),
    LC_P95_MS("lc_p95_ms", false, Unit.MILLISECONDS),
    LC_P99_MS("lc_p99_ms", false, Unit.MILLISECONDS),
    ACCURACY_BEFORE("accuracy_before", false, Unit.ACCURACY),
    ACCURACY_AFTER("accuracy_after", false, Unit.ACCURACY),
    SERVICE_MISS_RATE("service_miss_rate", true, Unit.FRACTION),
    SERVICE_MEAN_MS("service_mean_ms", true, Unit.MILLISECONDS),
    SERVICE_P95_MS("service_p95_ms", true, Unit.MILLISECONDS),
    SERVICE_P99_MS("service_p99_ms", true, Unit.MILLISECONDS),
    /** The p99 of the instance's job view: the requests that arrived while training ran on any device. */
    SERVICE_JOB_P99_MS("service_job_p99_ms", true, Unit.MILLISECONDS),
    CFS_THROTTLED_SHARE(ResultColumns.CFS_THROTTLED_SHARE, false, Unit.SHARE),
    CPU_CORES_USED(ResultColumns.CPU_CORES_USED, false, Unit.CORES),
    /** A device's training CPU per sample over its finished batches (the twin's figure from the profile). */
    TRAIN_CPU_MS_PER_SAMPLE(ResultColumns.TRAIN_CPU_MS_PER_SAMPLE, false, Unit.CPU_PER_SAMPLE);

    /** What a chart's axes say, and the chart's file name. */
    enum Unit {
        SECONDS("validation_time", "time", "s"),
        MILLISECONDS("validation_latency", "latency", "ms"),
        FRACTION("validation_miss_rate", "deadline-miss rate", "fraction of requests"),
        ACCURACY("validation_accuracy", "held-out accuracy", "fraction correct"),
        SHARE("validation_cfs", "throttled CFS periods", "fraction of the window's periods"),
        CORES("validation_cpu", "CPU used", "cores"),
        CPU_PER_SAMPLE("validation_train_cpu", "training CPU per sample", "CPU ms per sample");

        final String chartName;
        final String quantity;
        final String unit;

        Unit(String chartName, String quantity, String unit) {
            this.chartName = chartName;
            this.quantity = quantity;
            this.unit = unit;
        }
    }

    static final List<ValidationMetric> RUN_METRICS = List.of(RETRAIN_TIME_SEC, LC_MISS_RATE, LC_P50_MS, LC_P95_MS,
            LC_P99_MS, ACCURACY_BEFORE, ACCURACY_AFTER);
    static final List<ValidationMetric> SERVICE_METRICS = List.of(SERVICE_MISS_RATE, SERVICE_MEAN_MS,
            SERVICE_P95_MS, SERVICE_P99_MS, SERVICE_JOB_P99_MS);

    static final List<ValidationMetric> DEVICE_METRICS = List.of(CFS_THROTTLED_SHARE, CPU_CORES_USED,
            TRAIN_CPU_MS_PER_SAMPLE);

    final String id;
    final boolean perService;
    final Unit unit;

    ValidationMetric(String id, boolean perService, Unit unit) {
        this.id = id;
        this.perService = perService;
        this.unit = unit;
    }

    /** Compared only when both directories have at least one value of it. */
    boolean onlyWhenBothHaveIt() {
        return this == ACCURACY_BEFORE || this == ACCURACY_AFTER;
    }

    /**
     * Whether a services.csv can give this service metric: the job view's p99 came with the column {@code
     * job_p99_ms} (result directories written before it have none); the others are the contract's columns.
     */
    boolean inServices(ResultCsv services) {
        return this != SERVICE_JOB_P99_MS || services.has(JOB_P99_MS);
    }

    /** The value of one row of runs.csv (for run metrics) or services.csv (for service metrics); NaN when none. */
    double value(ResultCsv csv, int row) {
        return switch (this) {
            case RETRAIN_TIME_SEC -> csv.flag(row, FINISHED) ? csv.number(row, ResultColumns.RETRAIN_TIME_SEC) : Double.NaN;
            case ACCURACY_BEFORE, ACCURACY_AFTER -> csv.has(id) ? csv.number(row, id) : Double.NaN;
            case SERVICE_MISS_RATE -> {
                double requests = csv.number(row, REQUESTS);
                yield requests > 0 ? csv.number(row, MISSES) / requests : Double.NaN;
            }
            case SERVICE_MEAN_MS -> csv.number(row, "mean_ms");
            case SERVICE_P95_MS -> csv.number(row, "p95_ms");
            case SERVICE_P99_MS -> csv.number(row, P99_MS);
            case SERVICE_JOB_P99_MS -> csv.has(JOB_P99_MS) ? csv.number(row, JOB_P99_MS) : Double.NaN;
            case CFS_THROTTLED_SHARE, CPU_CORES_USED, TRAIN_CPU_MS_PER_SAMPLE -> throw new IllegalArgumentException(id
                    + " is per device (deviceValues)");
            default -> csv.number(row, id);
        };
    }

    /**
     * Each runs.csv row's cell of this per-device metric ({@code cfs_throttled_share}, {@code cpu_cores_used},
     * {@code train_cpu_ms_per_sample}), parsed once: the devices it names with their values, in the cell's order (none
     * when the file has no such column or the cell is empty). A cell that is not {@code device:value;...} (shares
     * 0..1, cores and ms >= 0) adds a problem naming the file, line and value, and gives none.
     */
    java.util.List<java.util.Map<String, Double>> deviceValues(ResultCsv runs, List<String> problems) {
        boolean share = this == CFS_THROTTLED_SHARE;
        String what = switch (this) {
            case CFS_THROTTLED_SHARE -> "shares";
            case CPU_CORES_USED -> "cores";
            default -> "CPU ms per sample";
        };
        String expected = switch (this) {
            case CFS_THROTTLED_SHARE -> "device:share pairs (shares 0..1)";
            case CPU_CORES_USED -> "device:cores pairs (cores >= 0)";
            default -> "device:ms pairs (ms >= 0)";
        };
        List<java.util.Map<String, Double>> rows = new java.util.ArrayList<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            String cell = runs.has(id) ? runs.text(row, id) : "";
            java.util.Optional<java.util.Map<String, Double>> values = deviceCell(cell,
                    share ? 1 : Double.POSITIVE_INFINITY);
            if (values.isEmpty()) {
                problems.add(ResultCsv.problem(runs.fileName(), runs.line(row), id,
                        "is not a list of device " + what, cell, expected + " separated by ;"));
            }
            rows.add(values.orElse(java.util.Map.of()));
        }
        return rows;
    }

    /**
     * A runs.csv per-device cell ({@code device:value;...}, this metric's or the plan's samples): the devices with
     * their values in the cell's order, none for an empty cell; empty when it is not such pairs with values in
     * 0..{@code max}.
     */
    static java.util.Optional<java.util.Map<String, Double>> deviceCell(String cell, double max) {
        java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (String pair : cell.isEmpty() ? new String[0] : cell.split(";", -1)) {
            int colon = pair.lastIndexOf(':');
            double v = colon > 0 ? parseValue(pair.substring(colon + 1), max) : Double.NaN;
            if (Double.isNaN(v)) {
                return java.util.Optional.empty();
            }
            values.put(pair.substring(0, colon), v);
        }
        return java.util.Optional.of(values);
    }

    /** A number in 0..max, or NaN. */
    private static double parseValue(String text, double max) {
        try {
            double v = Double.parseDouble(text);
            return v >= 0 && v <= max ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
