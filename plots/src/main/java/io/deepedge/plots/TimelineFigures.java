package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training timelines drawn from timeline.csv, Gantt-like (XChart has none): one chart per policy at the first grid
 * point, one horizontal band per device (device 1 at the top), coloured by state over time. Every interval is drawn
 * when a chart has at most {@link #EXACT_INTERVALS}; beyond that the job span is cut into {@link #COLUMNS} equal
 * slices and each slice of a band shows the state the device spent most of it in, so thousands of iterations stay
 * drawable; timeline.csv holds the exact intervals.
 */
final class TimelineFigures {
    static final int COLUMNS = 600;
    static final int EXACT_INTERVALS = 20_000;
    /** States in legend order, with their colours. */
    private static final Map<String, Color> STATES = new LinkedHashMap<>();

    static {
        STATES.put("compute", new Color(0x2e7d32));
        STATES.put("barrier", new Color(0xf9a825));
        STATES.put("sync", new Color(0x1565c0));
        STATES.put("checkpoint", new Color(0x6a1b9a));
        STATES.put("transfer", new Color(0x00acc1));
        STATES.put("failed", new Color(0xc62828));
        STATES.put("idle", new Color(0xbdbdbd));
    }

    static final String NAME = "timeline";

    private TimelineFigures() {
    }

    /** The timelines from the result directory's timeline.csv (checked here); none without the file. */
    static List<FigureSet.Drawn> draw(FigureSource.Inputs inputs) {
        java.nio.file.Path file = inputs.resultDir().resolve(TIMELINE_FILE);
        if (!java.nio.file.Files.exists(file)) {
            return List.of();
        }
        return charts(ResultCsv.read(file, TIMELINE_LAYOUT));
    }

    private record Interval(String state, double fromSec, double toSec) {
    }

    static List<FigureSet.Drawn> charts(ResultCsv timeline) {
        List<String> sweep = sweepColumns(timeline.columns(), TIMELINE_LAYOUT.required(), List.of());
        // policy -> device -> intervals, of the first grid point and each policy's first replication in the file
        Map<String, Map<String, List<Interval>>> byPolicy = new LinkedHashMap<>();
        Map<String, String> replicationOf = new LinkedHashMap<>();
        List<String> firstPoint = null;
        for (int r = 0; r < timeline.rowCount(); r++) {
            int row = r;
            List<String> point = timeline.texts(row, sweep);
            firstPoint = firstPoint == null ? point : firstPoint;
            String policy = timeline.text(row, POLICY);
            String replication = replicationOf.computeIfAbsent(policy, p -> timeline.text(row, REPLICATION));
            if (!point.equals(firstPoint) || !replication.equals(timeline.text(row, REPLICATION))) {
                continue;
            }
            byPolicy.computeIfAbsent(policy, p -> new LinkedHashMap<>())
                    .computeIfAbsent(timeline.text(row, DEVICE), d -> new ArrayList<>())
                    .add(new Interval(timeline.text(row, "state"), timeline.number(row, "from_sec"),
                            timeline.number(row, "to_sec")));
        }
        List<FigureSet.Drawn> charts = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Interval>>> p : byPolicy.entrySet()) {
            String where = sweep.isEmpty() ? "" : ", " + GroupKey.pointLabel(sweep, firstPoint);
            charts.add(chart(NAME + "_" + (charts.size() + 1), p.getKey() + " (replication "
                    + replicationOf.get(p.getKey()) + where + ")", p.getValue()));
        }
        return charts;
    }

    private static FigureSet.Drawn chart(String name, String label, Map<String, List<Interval>> devices) {
        double from = Double.POSITIVE_INFINITY;
        double to = Double.NEGATIVE_INFINITY;
        for (List<Interval> intervals : devices.values()) {
            for (Interval i : intervals) {
                from = Math.min(from, i.fromSec);
                to = Math.max(to, i.toSec);
            }
        }
        List<String> names = List.copyOf(devices.keySet());
        String devicesTitle = names.size() == 1 ? names.get(0)
                : names.get(0) + " (top) .. " + names.get(names.size() - 1) + " (bottom)";
        XYChart chart = ChartStyle.lines("Training timeline: " + label, "time since the run began (s)",
                "devices: " + devicesTitle, STATES.size());
        chart.getStyler().setYAxisMin(0.5);
        chart.getStyler().setYAxisMax(names.size() + 0.5);
        // XChart places y ticks where it likes, not on the bands: the axis title and caption name the devices
        chart.getStyler().setYAxisTicksVisible(false);
        float width = (float) Math.max(1, Math.min(18, 380.0 / names.size()));
        Map<String, List<double[]>> segments = new LinkedHashMap<>();
        STATES.keySet().forEach(s -> segments.put(s, new ArrayList<>()));
        boolean exact = devices.values().stream().mapToInt(List::size).sum() <= EXACT_INTERVALS;
        for (int d = 0; d < names.size(); d++) {
            // device 1 on top: y runs from the number of devices down to 1
            double y = names.size() - d;
            if (exact) {
                for (Interval i : devices.get(names.get(d))) {
                    segments.getOrDefault(i.state, segments.get("idle")).add(new double[] {i.fromSec, i.toSec, y});
                }
            } else {
                band(devices.get(names.get(d)), from, to, y, segments);
            }
        }
        for (Map.Entry<String, List<double[]>> s : segments.entrySet()) {
            series(chart, s.getKey(), s.getValue(), width);
        }
        String caption = "What each device did for the job, from its submission to its end (timeline.csv): compute "
                + "(its local batch), barrier (done, waiting for the slowest device), sync (parameter exchange and "
                + "update), checkpoint, transfer (its data shard), failed (down), idle (not in the running plan). "
                + "Devices top to bottom: " + String.join(", ", names) + "." + (exact ? "" : " Each of " + COLUMNS
                + " time slices shows the state the device spent most of it in.");
        return new FigureSet.Drawn(name, chart, caption);
    }

    /** The majority state of each slice, merged into runs: segments {from, to, y} per state. */
    private static void band(List<Interval> intervals, double from, double to, double y,
                             Map<String, List<double[]>> segments) {
        double slice = (to - from) / COLUMNS;
        List<String> states = List.copyOf(STATES.keySet());
        double[][] share = new double[COLUMNS][states.size()];
        for (Interval i : intervals) {
            int s = Math.max(0, states.indexOf(i.state));
            int first = (int) Math.min(COLUMNS - 1, Math.floor((i.fromSec - from) / slice));
            int last = (int) Math.min(COLUMNS - 1, Math.floor((i.toSec - from) / slice));
            for (int c = first; c <= last; c++) {
                double lo = from + c * slice;
                share[c][s] += Math.max(0, Math.min(i.toSec, lo + slice) - Math.max(i.fromSec, lo));
            }
        }
        int runStart = 0;
        int runState = majority(share[0]);
        for (int c = 1; c <= COLUMNS; c++) {
            int state = c < COLUMNS ? majority(share[c]) : -1;
            if (state != runState) {
                if (runState >= 0) {
                    segments.get(states.get(runState)).add(new double[] {from + runStart * slice, from + c * slice, y});
                }
                runStart = c;
                runState = state;
            }
        }
    }

    /** The state with the most time in the slice; -1 when none (a slice outside every interval). */
    private static int majority(double[] share) {
        int best = -1;
        for (int s = 0; s < share.length; s++) {
            if (share[s] > 0 && (best < 0 || share[s] > share[best])) {
                best = s;
            }
        }
        return best;
    }

    /** One series per state: its segments as thick line pieces separated by NaN gaps. */
    private static void series(XYChart chart, String state, List<double[]> segs, float width) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (double[] s : segs) {
            if (!x.isEmpty()) {
                x.add(s[0]);
                y.add(Double.NaN);
            }
            x.add(s[0]);
            y.add(s[2]);
            x.add(s[1]);
            y.add(s[2]);
        }
        if (x.isEmpty()) {
            // keeps the state in the legend, outside the plotted range
            x.add(0.0);
            y.add(Double.NaN);
        }
        XYSeries series = chart.addSeries(state, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(STATES.get(state));
        series.setLineStyle(new java.awt.BasicStroke(width, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER));
    }
}
