package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    private static final double T_975_DF2 = 4.302652729911275;
    private static final double T_975_DF1 = 12.706204736174698;
    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path dir;

    @Test
    void meanAndCi95EqualHandComputedValues() throws IOException {
        new ResultFixture()
                .run("deep-edge", 0, 10.0, 0.1, 100)
                .run("deep-edge", 1, 12.0, 0.2, 110)
                .run("deep-edge", 2, 14.0, 0.3, 120)
                .writeTo(dir);
        Map<String, String> row = only(read(Summary.write(dir)));

        assertEquals("deep-edge", row.get("policy"));
        assertEquals("3", row.get("runs"));
        assertEquals("3", row.get("finished"));
        assertEquals("12", row.get("retrain_time_sec_mean"));
        assertEquals(T_975_DF2 * 2 / Math.sqrt(3), number(row, "retrain_time_sec_ci95"), TOLERANCE);
        assertEquals(4.9683, number(row, "retrain_time_sec_ci95"), 1e-4);
        assertEquals(0.2, number(row, "lc_miss_rate_mean"), TOLERANCE);
        assertEquals(T_975_DF2 * 0.1 / Math.sqrt(3), number(row, "lc_miss_rate_ci95"), TOLERANCE);
        assertEquals("110", row.get("lc_p99_ms_mean"));
        assertEquals("100", row.get("lc_p95_ms_mean"));
        assertEquals("1.5", row.get("plan_time_ms_mean"));
        assertEquals("2", row.get("devices_used_mean"));
        assertEquals("2", row.get("work_lost_sec_mean"));
    }

    @Test
    void unfinishedRunsAreLeftOutOfRetrainTimeButCountEverywhereElse() throws IOException {
        new ResultFixture()
                .run("random", 0, 20.0, 0.0, 100)
                .run("random", 1, null, 0.3, 400)
                .run("random", 2, 30.0, 0.0, 100)
                .run("never", 0, null, 0.5, 50)
                .run("never", 1, null, 0.5, 50)
                .writeTo(dir);
        List<Map<String, String>> rows = read(Summary.write(dir));

        Map<String, String> random = rows.get(0);
        assertEquals("3", random.get("runs"));
        assertEquals("2", random.get("finished"));
        assertEquals("25", random.get("retrain_time_sec_mean"));
        assertEquals(T_975_DF1 * Math.sqrt(50) / Math.sqrt(2), number(random, "retrain_time_sec_ci95"), 1e-8);
        assertEquals(0.1, number(random, "lc_miss_rate_mean"), TOLERANCE);
        assertEquals("200", random.get("lc_p99_ms_mean"));

        Map<String, String> never = rows.get(1);
        assertEquals("0", never.get("finished"));
        assertEquals("", never.get("retrain_time_sec_mean"));
        assertEquals("", never.get("retrain_time_sec_ci95"));
        assertEquals("0.5", never.get("lc_miss_rate_mean"));
        assertEquals("0", never.get("lc_miss_rate_ci95"));
    }

    @Test
    void ci95IsEmptyWithASingleReplication() throws IOException {
        new ResultFixture().run("optimal", 0, 7.25, 0.05, 80).writeTo(dir);
        Map<String, String> row = only(read(Summary.write(dir)));

        assertEquals("7.25", row.get("retrain_time_sec_mean"));
        assertEquals("", row.get("retrain_time_sec_ci95"));
        assertEquals("", row.get("lc_miss_rate_ci95"));
    }

    @Test
    void sweepColumnsAreCarriedAndGroupedPerGridPointAndPolicyInFirstAppearanceOrder() throws IOException {
        String rate = "services.detector.arrivals.poisson.ratePerSec";
        String count = "devices.nano.count";
        ResultFixture fixture = new ResultFixture(rate, count);
        for (String r : List.of("5", "2")) {
            for (String policy : List.of("equal-split", "deep-edge")) {
                for (int rep = 0; rep < 2; rep++) {
                    fixture.run(policy, rep, Double.parseDouble(r) * 10 + rep, 0.0, 100, r, "4");
                }
            }
        }
        List<Map<String, String>> rows = read(Summary.write(fixture.writeTo(dir)));

        assertEquals(List.of("equal-split@5", "deep-edge@5", "equal-split@2", "deep-edge@2"),
                rows.stream().map(row -> row.get("policy") + "@" + row.get(rate)).toList());
        assertTrue(rows.stream().allMatch(row -> row.get(count).equals("4") && row.get("runs").equals("2")));
        assertEquals("50.5", rows.get(0).get("retrain_time_sec_mean"));
        assertEquals("20.5", rows.get(3).get("retrain_time_sec_mean"));
        String header = Files.readAllLines(dir.resolve("summary.csv")).get(0);
        assertTrue(header.endsWith("work_lost_sec_mean,slo_violations_mean,lc_runs,finished_fraction,"
                + "retrain_time_sec_mean_censored_lb,coloc_slo_violations_mean,lc_unfinished_mean," + rate + ","
                + count), header);
    }

    @Test
    void knownOptionalRunsColumnsAreNotSweepColumns() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), ResultFixture.RUNS_HEADER
                + ",accuracy_before,accuracy_after,not_finished_reason\n"
                + "x,testbed,p,0,1,true,5,1,1,a:1,10,1,0.1,0,1,2,3,0,0,10,0,0.8,0.9,\n");
        String header = Files.readAllLines(Summary.write(dir)).get(0);

        assertTrue(header.endsWith(",work_lost_sec_mean,slo_violations_mean,lc_runs,finished_fraction,"
                + "retrain_time_sec_mean_censored_lb,coloc_slo_violations_mean,lc_unfinished_mean"), header);
    }

    @Test
    void finishedFractionAndTheCensoredMeanCountUnfinishedRunsAtTheHorizon() throws IOException {
        // two finished runs (20 s, 30 s) and one unfinished, observed for 100 s until the horizon
        String header = ResultFixture.RUNS_HEADER + ",not_finished_reason,lc_unfinished,coloc_slo_violations,"
                + "retrain_time_sec_lb";
        String rest = ",1,1,a:1,10,1,0.1,0,1,2,3,0,0,10,0";
        Files.writeString(dir.resolve("runs.csv"), header + "\n"
                + "x,sim,p,0,1,true,20" + rest + ",,4,1,20\n"
                + "x,sim,p,1,1,false," + rest + ",horizon reached,2,0,100\n"
                + "x,sim,p,2,1,true,30" + rest + ",,0,2,30\n");
        Map<String, String> row = only(read(Summary.write(dir)));

        String summaryHeader = Files.readAllLines(dir.resolve("summary.csv")).get(0);
        assertEquals(String.join(",", ResultColumns.SUMMARY_STATS), summaryHeader, "no sweep column");
        assertEquals("2", row.get("finished"));
        assertEquals(2.0 / 3, number(row, "finished_fraction"), TOLERANCE);
        assertEquals("25", row.get("retrain_time_sec_mean"));
        assertEquals("50", row.get("retrain_time_sec_mean_censored_lb"));
        assertEquals("1", row.get("coloc_slo_violations_mean"));
        assertEquals("2", row.get("lc_unfinished_mean"));
        assertEquals("3", row.get("lc_runs"));
    }

    /**
     * A run without LC requests in the window (empty lc_miss_rate) has lc_unfinished 0: the unfinished mean is
     * over the lc_runs runs like every lc_ mean, and empty, not 0, when there are none.
     */
    @Test
    void unfinishedMeanIsOverTheRunsWithLcRequestsAndEmptyWithoutThem() throws IOException {
        String header = ResultFixture.RUNS_HEADER + ",lc_unfinished";
        String finished = ",1,1,a:1,";
        String noRequests = "0,0,,0,,,,0,0,10,0,0";
        Files.writeString(dir.resolve("runs.csv"), header + "\n"
                + "x,sim,p,0,1,true,20" + finished + "10,1,0.1,0,1,2,3,0,0,10,0,6\n"
                + "x,sim,p,1,1,true,20" + finished + noRequests + "\n"
                + "x,sim,q,0,1,true,20" + finished + noRequests + "\n");
        List<Map<String, String>> rows = read(Summary.write(dir));

        assertEquals("1", rows.get(0).get("lc_runs"));
        assertEquals("6", rows.get(0).get("lc_unfinished_mean"));
        assertEquals("0", rows.get(1).get("lc_runs"));
        assertEquals("", rows.get(1).get("lc_unfinished_mean"));
        assertEquals("", rows.get(1).get("lc_miss_rate_mean"));
    }

    @Test
    void outputIsByteIdenticalAcrossCallsAndLocales() throws IOException {
        new ResultFixture()
                .run("a", 0, 10.123456789, 0.1, 100.5)
                .run("a", 1, 1234567.5, 0.2, 99.25)
                .run("b", 0, 0.000125, 0.3, 1e-3)
                .writeTo(dir);
        byte[] first = Files.readAllBytes(Summary.write(dir));
        Locale before = Locale.getDefault();
        byte[] second;
        try {
            Locale.setDefault(Locale.GERMANY);
            second = Files.readAllBytes(Summary.write(dir));
        } finally {
            Locale.setDefault(before);
        }

        assertArrayEquals(first, second);
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text.contains("0.000125"), text);
        assertTrue(!text.contains("E") && !text.contains("\r"), text);
    }

    @Test
    void missingColumnThrowsNamingFileAndColumn() throws IOException {
        String header = ResultFixture.RUNS_HEADER.replace(",lc_p99_ms", "");
        Files.writeString(dir.resolve("runs.csv"), header + "\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.write(dir));
        assertTrue(e.getMessage().contains("runs.csv") && e.getMessage().contains("lc_p99_ms"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("summary.csv")));
    }

    @Test
    void missingRunsFileThrowsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.write(dir));
        assertTrue(e.getMessage().contains("runs.csv"), e.getMessage());
    }

    @Test
    void malformedNumberThrowsNamingLineAndColumn() throws IOException {
        new ResultFixture().run("a", 0, 10.0, 0.1, 100).writeTo(dir);
        Path runs = dir.resolve("runs.csv");
        Files.writeString(runs, Files.readString(runs).replace(",0.1,", ",0;1,"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.write(dir));
        assertTrue(e.getMessage().contains("runs.csv:2") && e.getMessage().contains("lc_miss_rate"), e.getMessage());
    }

    @Test
    void emptyRunsFileThrowsNamingIt() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.write(dir));
        assertTrue(e.getMessage().contains("runs.csv"), e.getMessage());
    }

    @Test
    void finishedMustBeTrueOrFalse() throws IOException {
        new ResultFixture().run("a", 0, 10.0, 0.1, 100).writeTo(dir);
        Path runs = dir.resolve("runs.csv");
        Files.writeString(runs, Files.readString(runs).replace(",true,", ",yes,"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Summary.write(dir));
        assertTrue(e.getMessage().contains("runs.csv:2") && e.getMessage().contains("finished"), e.getMessage());
    }

    @Test
    void headerOnlyRunsGiveHeaderOnlySummary() throws IOException {
        Files.writeString(dir.resolve("runs.csv"), ResultFixture.RUNS_HEADER + "\n");

        assertEquals(1, Files.readAllLines(Summary.write(dir)).size());
    }

    private static Map<String, String> only(List<Map<String, String>> rows) {
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    /** Reads a CSV without quoted cells into one map per data row. */
    static List<Map<String, String>> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
