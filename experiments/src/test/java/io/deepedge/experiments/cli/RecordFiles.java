package io.deepedge.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads result files for the tests ({@link #rows}), checks a result directory's histograms.csv and timeline.csv
 * against its services.csv and runs.csv, and that the figures drawn from them exist and are not empty.
 */
final class RecordFiles {
    private RecordFiles() {
    }

    /**
     * The rows of a result file as column -> cell, in the header's order, read as RFC 4180 (quoted cells may hold
     * commas, doubled quotes and line breaks: runs.csv's {@code rejected} reason does) by a parser independent of
     * the code under test; every row must have as many cells as the header.
     */
    static List<Map<String, String>> rows(Path file) throws IOException {
        List<List<String>> records = records(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertEquals(header.size(), record.size(), file + ": " + record);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** RFC 4180 records of {@code text}, each a list of its cells; the last may end without a line break. */
    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                if (c == '\n') {
                    records.add(record);
                    record = new ArrayList<>();
                }
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        assertTrue(!quoted, "a quoted cell not closed at the end of the file");
        if (!cell.isEmpty() || !record.isEmpty()) {
            // the last record without a line break after it is a record too, not dropped
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    /** The key of a service instance of a run: policy, replication, service, device and the grid values. */
    private static String instance(Map<String, String> row, List<String> grid) {
        StringBuilder key = new StringBuilder(row.get("policy") + "|" + row.get("replication") + "|"
                + row.get("service") + "|" + row.get("device"));
        grid.forEach(g -> key.append('|').append(row.get(g)));
        return key.toString();
    }

    /** Every instance's histogram counts add up to its services.csv requests; bins within their edges. */
    static void histogramsConserveRequests(Path dir, List<String> grid) throws IOException {
        Map<String, Long> counted = new HashMap<>();
        for (Map<String, String> h : rows(dir.resolve("histograms.csv"))) {
            double lo = Double.parseDouble(h.get("bin_lo_ms"));
            assertTrue(h.get("bin_hi_ms").isEmpty() || Double.parseDouble(h.get("bin_hi_ms")) > lo, h.toString());
            counted.merge(instance(h, grid), Long.parseLong(h.get("count")), Long::sum);
        }
        List<Map<String, String>> services = rows(dir.resolve("services.csv"));
        long withRequests = 0;
        for (Map<String, String> s : services) {
            long requests = Long.parseLong(s.get("requests"));
            assertEquals(requests, counted.getOrDefault(instance(s, grid), 0L), s.toString());
            withRequests += requests > 0 ? 1 : 0;
        }
        assertEquals(withRequests, counted.size(), "histogram rows only for instances of services.csv");
        assertTrue(withRequests > 0);
    }

    /**
     * Replication 0 of every run with a job has a timeline: per device, intervals that follow one another from the
     * first device's start to the same end, within the run's span; no other replication has one.
     */
    static void timelineCoversReplicationZero(Path dir, List<String> grid) throws IOException {
        Map<String, List<double[]>> byDevice = new LinkedHashMap<>();
        for (Map<String, String> t : rows(dir.resolve("timeline.csv"))) {
            assertEquals("0", t.get("replication"), t.toString());
            String key = t.get("policy") + "|" + String.join("|", grid.stream().map(t::get).toList());
            byDevice.computeIfAbsent(key + "|" + t.get("device"), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(t.get("from_sec")), Double.parseDouble(t.get("to_sec"))});
        }
        Map<String, double[]> spanOfRun = new HashMap<>();
        for (Map.Entry<String, List<double[]>> e : byDevice.entrySet()) {
            List<double[]> intervals = e.getValue();
            for (int i = 0; i < intervals.size(); i++) {
                assertTrue(intervals.get(i)[1] > intervals.get(i)[0], e.getKey());
                if (i > 0) {
                    assertEquals(intervals.get(i - 1)[1], intervals.get(i)[0], 0.0, e.getKey() + " interval " + i);
                }
            }
            String run = e.getKey().substring(0, e.getKey().lastIndexOf('|'));
            double[] span = {intervals.get(0)[0], intervals.get(intervals.size() - 1)[1]};
            double[] first = spanOfRun.putIfAbsent(run, span);
            if (first != null) {
                assertEquals(first[0], span[0], 0.0, "every device starts at the submission: " + e.getKey());
                assertEquals(first[1], span[1], 0.0, "every device ends at the job's end: " + e.getKey());
            }
        }
        long replicationZeroRuns = rows(dir.resolve("runs.csv")).stream()
                .filter(r -> r.get("replication").equals("0")).count();
        assertEquals(replicationZeroRuns, spanOfRun.size(), "one timeline per replication-0 run");
    }

    /** The latency CDF and timeline figures exist as non-empty PNG and SVG files. */
    static void figuresDrawn(Path dir) throws IOException {
        for (String name : List.of("latency_cdf_1", "timeline_1")) {
            for (String ext : List.of(".png", ".svg")) {
                Path f = dir.resolve("plots").resolve(name + ext);
                assertTrue(Files.isRegularFile(f) && Files.size(f) > 1000, f + " drawn");
            }
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("plots/latency_cdf_1.png") && html.contains("plots/timeline_1.png"),
                "the report shows the new figures");
    }
}
