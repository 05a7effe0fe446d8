package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.HOST_SPEED_LAYOUT;
import static io.deepedge.plots.ResultColumns.POLICY;
import static io.deepedge.plots.ResultColumns.PROBE_CPU_MS;
import static io.deepedge.plots.ResultColumns.REPLICATION;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A result directory's {@code host-speed.csv} read as the result files are checked ({@link ResultCsv}: every problem
 * with its file, line and column), for {@code simulate --host-speed}, which replays each testbed run's host.
 *
 * @param sweepColumns the swept paths after the fixed columns, in the file's order
 * @param runs each row, in the file's order
 */
public record HostSpeedFile(List<String> sweepColumns, List<Run> runs) {
    /**
     * One run's row.
     *
     * @param point the run's sweep cells, in {@link #sweepColumns}' order (empty without a sweep)
     * @param probes the probe steps that ended inside its job (0: none, then {@code probeCpuMs} is NaN)
     */
    public record Run(List<String> point, String policy, int replication, int probes, double probeCpuMs) {
        public Run {
            point = List.copyOf(point);
        }
    }

    public HostSpeedFile {
        sweepColumns = List.copyOf(sweepColumns);
        runs = List.copyOf(runs);
    }

    /** {@code file} read and checked; empty, with every problem added to {@code problems}, when it has any. */
    public static Optional<HostSpeedFile> read(Path file, List<String> problems) {
        ResultCsv csv = ResultCsv.read(file, HOST_SPEED_LAYOUT, problems);
        if (csv == null) {
            return Optional.empty();
        }
        List<String> sweep = ResultColumns.sweepColumns(csv.columns(), HOST_SPEED_LAYOUT.required(), List.of());
        List<Run> runs = new ArrayList<>(csv.rowCount());
        for (int row = 0; row < csv.rowCount(); row++) {
            double cpuMs = csv.number(row, PROBE_CPU_MS);
            int probes = (int) csv.number(row, "probes");
            runs.add(new Run(csv.texts(row, sweep), csv.text(row, POLICY), (int) csv.number(row, REPLICATION), probes,
                    probes > 0 ? cpuMs : Double.NaN));
        }
        return Optional.of(new HostSpeedFile(sweep, runs));
    }
}
