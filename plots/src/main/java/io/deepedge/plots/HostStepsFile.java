package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.HOST_STEPS_LAYOUT;
import static io.deepedge.plots.ResultColumns.POLICY;
import static io.deepedge.plots.ResultColumns.PROBE_CPU_MS;
import static io.deepedge.plots.ResultColumns.REPLICATION;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A testbed result directory's {@code host-steps.csv} read as the result files are checked ({@link ResultCsv}: every
 * problem with its file, line and column), for {@code simulate --host-trace}, which replays each testbed run's host
 * second by second. Beyond the column types, every step needs its time, a CPU of -1 or more and a positive CPU time
 * (the first problem of a row, up to {@link ResultCsv#MAX_PROBLEMS} of them).
 *
 * @param sweepColumns the swept paths after the fixed columns, in the file's order
 * @param steps each row, in the file's order
 */
public record HostStepsFile(List<String> sweepColumns, List<Step> steps) {
    /**
     * One probe step of one run.
     *
     * @param point the run's sweep cells, in {@link #sweepColumns}' order (empty without a sweep)
     * @param atSec when the step ended, seconds from the run's time 0
     * @param cpu the CPU its probe is pinned to (-1: unpinned)
     * @param cpuMs its CPU time, milliseconds
     */
    public record Step(List<String> point, String policy, int replication, double atSec, int cpu, double cpuMs) {
        public Step {
            point = List.copyOf(point);
        }
    }

    public HostStepsFile {
        sweepColumns = List.copyOf(sweepColumns);
        steps = List.copyOf(steps);
    }

    /** {@code file} read and checked; empty, with every problem added to {@code problems}, when it has any. */
    public static Optional<HostStepsFile> read(Path file, List<String> problems) {
        ResultCsv csv = ResultCsv.read(file, HOST_STEPS_LAYOUT, problems);
        if (csv == null) {
            return Optional.empty();
        }
        List<String> sweep = ResultColumns.sweepColumns(csv.columns(), HOST_STEPS_LAYOUT.required(), List.of());
        List<Step> steps = new ArrayList<>(csv.rowCount());
        int before = problems.size();
        for (int row = 0; row < csv.rowCount() && problems.size() - before < ResultCsv.MAX_PROBLEMS; row++) {
            double atSec = csv.number(row, "t_sec");
            double cpu = csv.number(row, "cpu");
            double cpuMs = csv.number(row, PROBE_CPU_MS);
            if (Double.isNaN(atSec)) {
                problems.add(ResultCsv.problem(csv.fileName(), csv.line(row), "t_sec", "missing",
                        csv.text(row, "t_sec"), "the step's time in seconds from the run's start"));
            } else if (Double.isNaN(cpu) || cpu < -1) {
                problems.add(ResultCsv.problem(csv.fileName(), csv.line(row), "cpu", "not a CPU",
                        csv.text(row, "cpu"), "-1 (an unpinned probe) or a CPU number"));
            } else if (!(cpuMs > 0)) {
                problems.add(ResultCsv.problem(csv.fileName(), csv.line(row), PROBE_CPU_MS, "not a positive time",
                        csv.text(row, PROBE_CPU_MS), "the step's CPU time in milliseconds, above 0"));
            } else {
                steps.add(new Step(csv.texts(row, sweep), csv.text(row, POLICY), (int) csv.number(row, REPLICATION),
                        atSec, (int) cpu, cpuMs));
            }
        }
        return problems.size() == before ? Optional.of(new HostStepsFile(sweep, steps)) : Optional.empty();
    }
}
