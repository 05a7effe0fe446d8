package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the simulated and the real re-training times part: per grid point, policy and device, the seconds each
 * side's training timeline (timeline.csv: replication 0 of every policy and grid point) spends in each training
 * state, and the difference. A twin's relative error on {@code retrain_time_sec} says that the two differ; this
 * says on which device and in which state (a straggler's compute, the synchronisation, a barrier).
 *
 * <p>Only replications both sides recorded are compared (the same seed: the same arrivals and failures), each
 * device over the replications it appears in; a state neither side has is left out. Besides the states the table
 * has {@code compute+sync}: a twin that simulates a CPU quota spends a device's own work per round (parameters in,
 * gradient out) inside its batch (compute), where the testbed times it as synchronisation, so only their sum
 * compares like with like. {@code largest_in_cell} marks, per grid point and policy, the row {@link #largestPerCell}
 * picks.
 */
final class ValidationTimeline {
    static final String FILE = "validation-timeline.csv";
    static final List<String> COLUMNS = List.of("policy", "device", "state", "sim_sec", "real_sec", "diff_sec",
            "rel_diff", "replications", "largest_in_cell");
    /** The simulator's training states, in the order a job passes them; any other state follows in name order. */
    static final List<String> STATES = List.of("transfer", "compute", "sync", "barrier", "checkpoint", "failed",
            "idle");
    static final String COMPUTE_AND_SYNC = "compute+sync";

    /**
     * One device's seconds in one state, each side's mean over the compared replications.
     *
     * @param replications how many replications the means are over
     */
    record Row(List<String> point, String policy, String device, String state, double simSec, double realSec,
               int replications) {
        double diffSec() {
            return simSec - realSec;
        }

        /** {@code (sim - real) / real}; NaN when the real side spent no time in the state. */
        double relDiff() {
            return realSec > 0 ? diffSec() / realSec : Double.NaN;
        }
    }

    private final List<String> sweepColumns;
    private final List<Row> rows;
    /** Per grid point and policy the row with the largest difference ({@link #largestPerCell}), found once. */
    private final List<Row> largest;
    private final Set<Row> largestSet;

    private ValidationTimeline(List<String> sweepColumns, List<Row> rows) {
        this.sweepColumns = List.copyOf(sweepColumns);
        this.rows = List.copyOf(rows);
        this.largest = largestPerCell(this.rows);
        this.largestSet = Set.copyOf(largest);
    }

    /**
     * The comparison when both directories have timeline.csv, empty when either has none; each file is checked
     * whole (its problems and sweep columns other than {@code sweep} are added to {@code problems}).
     */
    static Optional<ValidationTimeline> read(Path simDir, Path realDir, List<String> sweep, List<String> problems) {
        Path simFile = simDir.resolve(TIMELINE_FILE);
        Path realFile = realDir.resolve(TIMELINE_FILE);
        if (!Files.exists(simFile) || !Files.exists(realFile)) {
            return Optional.empty();
        }
        int before = problems.size();
        ResultCsv sim = ResultCsv.read(simFile, TIMELINE_LAYOUT, problems);
        ResultCsv real = ResultCsv.read(realFile, TIMELINE_LAYOUT, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        for (ResultCsv csv : List.of(sim, real)) {
            List<String> columns = ResultColumns.sweepColumns(csv.columns(), TIMELINE_LAYOUT.required(),
                    List.of());
            if (!columns.equals(sweep)) {
                problems.add(ResultCsv.problem(csv.fileName(), 1, "header", "sweep columns differ from runs.csv's",
                        String.join(",", columns), sweep.isEmpty() ? "none" : String.join(",", sweep)));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ValidationTimeline(sweep, compare(seconds(sim, sweep), seconds(real, sweep))));
    }

    /** (grid point, policy) -> replication -> device -> state -> seconds, in first-appearance order. */
    private static Map<GroupKey, Map<String, Map<String, Map<String, Double>>>> seconds(ResultCsv csv,
                                                                                      List<String> sweep) {
        Map<GroupKey, Map<String, Map<String, Map<String, Double>>>> out = new LinkedHashMap<>();
        for (int row = 0; row < csv.rowCount(); row++) {
            double sec = csv.number(row, "to_sec") - csv.number(row, "from_sec");
            out.computeIfAbsent(new GroupKey(csv.texts(row, sweep), csv.text(row, POLICY)), k -> new LinkedHashMap<>())
                    .computeIfAbsent(csv.text(row, REPLICATION), r -> new LinkedHashMap<>())
                    .computeIfAbsent(csv.text(row, DEVICE), d -> new LinkedHashMap<>())
                    .merge(csv.text(row, "state"), sec, Double::sum);
        }
        return out;
    }

    private static List<Row> compare(Map<GroupKey, Map<String, Map<String, Map<String, Double>>>> sim,
                                     Map<GroupKey, Map<String, Map<String, Map<String, Double>>>> real) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<GroupKey, Map<String, Map<String, Map<String, Double>>>> cell : sim.entrySet()) {
            Map<String, Map<String, Map<String, Double>>> realCell = real.get(cell.getKey());
            if (realCell == null) {
                continue;
            }
            Set<String> replications = new LinkedHashSet<>(cell.getValue().keySet());
            replications.retainAll(realCell.keySet());
            Set<String> devices = new LinkedHashSet<>();
            for (String r : replications) {
                devices.addAll(cell.getValue().get(r).keySet());
                devices.addAll(realCell.get(r).keySet());
            }
            for (String device : devices) {
                rows.addAll(deviceRows(cell.getKey(), device, replications, cell.getValue(), realCell));
            }
        }
        return rows;
    }

    private static List<Row> deviceRows(GroupKey key, String device, Set<String> replications,
                                        Map<String, Map<String, Map<String, Double>>> sim,
                                        Map<String, Map<String, Map<String, Double>>> real) {
        List<String> used = replications.stream()
                .filter(r -> sim.get(r).containsKey(device) && real.get(r).containsKey(device)).toList();
        if (used.isEmpty()) {
            return List.of();
        }
        Set<String> extra = new TreeSet<>();
        for (String r : used) {
            extra.addAll(sim.get(r).get(device).keySet());
            extra.addAll(real.get(r).get(device).keySet());
        }
        extra.removeAll(STATES);
        List<String> states = new ArrayList<>(STATES);
        states.addAll(extra);
        List<Row> rows = new ArrayList<>();
        double simComputeAndSync = 0;
        double realComputeAndSync = 0;
        for (String state : states) {
            double s = mean(sim, used, device, state);
            double r = mean(real, used, device, state);
            if (s > 0 || r > 0) {
                rows.add(new Row(key.point(), key.policy(), device, state, s, r, used.size()));
            }
            if (state.equals("compute") || state.equals("sync")) {
                simComputeAndSync += s;
                realComputeAndSync += r;
            }
            // STATES holds compute before sync: the sum is complete here, and its row follows sync's
            if (state.equals("sync") && (simComputeAndSync > 0 || realComputeAndSync > 0)) {
                rows.add(new Row(key.point(), key.policy(), device, COMPUTE_AND_SYNC, simComputeAndSync,
                        realComputeAndSync, used.size()));
            }
        }
        return rows;
    }

    /** The mean over {@code replications} of the device's seconds in {@code state}. */
    private static double mean(Map<String, Map<String, Map<String, Double>>> side, List<String> replications,
                               String device, String state) {
        double sum = 0;
        for (String r : replications) {
            sum += side.get(r).get(device).getOrDefault(state, 0.0);
        }
        return sum / replications.size();
    }

    List<Row> rows() {
        return rows;
    }

    /** States that say what a device waited for, not what it did: a difference there has its cause elsewhere. */
    private static final Set<String> WAITING = Set.of("barrier", "idle");

    /**
     * Per (grid point, policy), the device and state with the largest |diff_sec| among those where a device works or
     * loses work (compute+sync standing for its two parts; barrier and idle, waits for other work, left out): where
     * the re-training times part most.
     */
    List<Row> largestPerCell() {
        return largest;
    }

    private static List<Row> largestPerCell(List<Row> rows) {
        Map<GroupKey, Row> largest = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.state().equals("compute") || r.state().equals("sync") || WAITING.contains(r.state())) {
                continue;
            }
            largest.merge(new GroupKey(r.point(), r.policy()), r,
                    (a, b) -> Math.abs(b.diffSec()) > Math.abs(a.diffSec()) ? b : a);
        }
        return List.copyOf(largest.values());
    }

    /** The text of validation-timeline.csv. */
    String csv() {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(sweepColumns);
        CsvText csv = new CsvText().row(header);
        for (Row r : rows) {
            csv.row(cells(r, Numbers::exact));
        }
        return csv.toString();
    }

    /** The row's cells in {@link #COLUMNS} order then its grid point. */
    List<String> cells(Row r, java.util.function.DoubleFunction<String> number) {
        List<String> cells = new ArrayList<>(List.of(r.policy(), r.device(), r.state(), number.apply(r.simSec()),
                number.apply(r.realSec()), number.apply(r.diffSec()), number.apply(r.relDiff()),
                Integer.toString(r.replications()), Boolean.toString(largestSet.contains(r))));
        cells.addAll(r.point());
        return cells;
    }

    List<String> sweepColumns() {
        return sweepColumns;
    }
}
