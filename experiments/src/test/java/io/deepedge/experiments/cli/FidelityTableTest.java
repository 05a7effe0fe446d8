package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiments/fidelity/table.sh}, the fidelity study's table, on hand-made validation.csv files: where it puts
 * a metric's median and worst |rel error| given each row's interval, row by row and jointly (the Bonferroni columns
 * validate writes), worked out by hand below.
 */
class FidelityTableTest {
    private static final String HEADER = "policy,metric,sim_mean,real_mean,rel_error,sim_ci95,real_ci95,sim_runs,"
            + "real_runs,abs_error,service,device,sim_median,real_median,median_rel_error,diff_ci95,consistent,sim_cv,"
            + "real_cv,same_seed_runs,sim_above,sim_below,sign_test_p,rel_error_lo,rel_error_hi";
    private static final String JOINT = ",joint_rows,rel_error_lo_joint,rel_error_hi_joint";

    @TempDir
    Path tmp;

    /**
     * An lc_p99_ms row at {@code rate}: rel_error (also the medians'), its 95 % interval and (when given) its joint
     * one; real mean 1, diff_ci95 0.1, consistent, both sides' cv 0.1, 4 same-seed pairs split 2 / 2.
     */
    private static String row(double rate, double rel, double lo, double hi, String joint) {
        return "a,lc_p99_ms,1,1," + rel + ",0.1,0.1,4,4,0,,,1,1," + rel + ",0.1,true,0.1,0.1,4,2,2,1,"
                + lo + "," + hi + joint + "," + rate;
    }

    private String summaryRow(String csv, String key) throws IOException, InterruptedException {
        String out = table(csv);
        return out.lines().filter(l -> l.startsWith("| " + key + " |")).findFirst().orElseThrow(() ->
                new AssertionError("no row " + key + " in\n" + out));
    }

    /** table.sh's whole output on {@code csv}, given the profile command's standard output when there is one. */
    private String table(String csv, String... profileOut) throws IOException, InterruptedException {
        return tableWithProfile(csv,
                "format: deepedge-profile/1\nconditions:\n  design: latin-hypercube\ndevices: []\n", profileOut);
    }

    /** {@link #table} with {@code profileText} as the study's profile file. */
    private String tableWithProfile(String csv, String profileText, String... profileOut)
            throws IOException, InterruptedException {
        Path file = Files.writeString(Files.createTempFile(tmp, "validation", ".csv"), csv);
        Path profile = tmp.resolve("profile.yaml");
        Files.writeString(profile, profileText);
        List<String> command = new java.util.ArrayList<>(List.of("bash", "fidelity/table.sh", file.toString(),
                profile.toString(), "light,medium,heavy", "1,2,3", "0.1"));
        for (String o : profileOut) {
            command.add(Files.writeString(tmp.resolve("profile.out"), o).toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theProfilesRepeatTableIsCopiedWithEveryCell() throws Exception {
        // the profile command's own output for two devices whose held-out point was measured twice (worked out in
        // ProfileErrorTablesTest: big's measurements 22.2 % apart, the other's 0; a device name with digits)
        String profileOut = ProfileCommand.errorTables(ProfileErrorTablesTest.profile(
                ProfileErrorTablesTest.measuredTwice("big", 0.02, 0.002, 0.10, -0.10),
                ProfileErrorTablesTest.measuredTwice("jetson-2", 0.01, 0.004, 0.02, 0.02)),
                io.deepedge.models.profile.QuotaModelErrors.NONE);
        String csv = HEADER + JOINT + ",rate\n" + row(1, 0.05, -0.02, 0.12, ",1,-0.1,0.2") + "\n";
        List<String> rows = rowsAfter(table(csv, profileOut), "The held-out points measured", 5);
        assertEquals(List.of(
                "| device | trainSamplesPerSec | serviceSlowdown | trainingSlowdown | trainColocatedSamplesPerSec"
                        + " | serviceColocatedMeanMs |",
                "| --- | --- | --- | --- | --- | --- |",
                "| big (1 measured again) | 22.2 % / 22.2 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 22.2 % / 22.2 % | 0.0 % / 0.0 % |",
                "| jetson-2 (1 measured again) | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % |",
                "| all devices (2 measured again) | 11.1 % / 22.2 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 11.1 % / 22.2 % "
                        + "| 0.0 % / 0.0 % |"), rows);
        // the pooled held-out row reads the profile's first "all devices" row, not the repeat table's
        assertTrue(table(csv, profileOut).contains("| all devices (2 points) | 1.5 % / 2.0 % | 0.0 % / 0.0 % |"
                + " 0.0 % / 0.0 % |"), table(csv, profileOut));
        // without repeats, or without the profile's output, no such table
        assertTrue(!table(csv).contains("measured again"));
    }

    @Test
    void theHeldOutErrorsAtOneHostAreCopiedFromTheProfilesOutput() throws Exception {
        // two devices whose held-out point moved with its host alone (worked out in ProfileErrorTablesTest): 25 % as
        // measured, 0 at one host
        String profileOut = ProfileCommand.errorTables(ProfileErrorTablesTest.profile(
                ProfileErrorTablesTest.onMovingHost("big"), ProfileErrorTablesTest.onMovingHost("jetson-2")),
                io.deepedge.models.profile.QuotaModelErrors.NONE);
        String csv = HEADER + JOINT + ",rate\n" + row(1, 0.05, -0.02, 0.12, ",1,-0.1,0.2") + "\n";
        String table = table(csv, profileOut);
        List<String> rows = rowsAfter(table, "At one host: the held-out", 5);
        assertEquals(List.of(
                "| device | trainSamplesPerSec | serviceSlowdown | trainingSlowdown |",
                "| --- | --- | --- | --- |",
                "| big (1 points) | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % |",
                "| jetson-2 (1 points) | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % |",
                "| all devices (2 points) | 0.0 % / 0.0 % | 0.0 % / 0.0 % | 0.0 % / 0.0 % |"), rows);
        // the pooled held-out row is still the profile's first, as measured
        assertTrue(table.contains("| all devices (2 points) | 25.0 % / 25.0 % |"), table);
        assertTrue(!table.contains("At one host: the held-out points measured again"), table);
        assertTrue(!table(csv).contains("At one host"));
    }

    @Test
    void theQuotaModelsTableHasTrainingsCpuASampleWhereTheProfileMeasuredIt() throws Exception {
        // big's held-out points measured training's CPU a sample (4 / 8 % off), small's did not ("n/a"); the pooled
        // row from the profile's output, with the CPU cell over big's two points
        io.deepedge.models.profile.ProfiledDevice big = ProfileErrorTablesTest.device("big", 0.02, 0.002, 0.10)
                .underCpuQuota(100, 2).withQuotaModelErrors(new io.deepedge.models.profile.QuotaModelErrors(
                        summary(0.1, 0.3, 2), summary(0.2, 0.2, 2), summary(0.04, 0.08, 2)));
        io.deepedge.models.profile.ProfiledDevice small = ProfileErrorTablesTest.device("small", 0.01, 0.004, 0.02)
                .underCpuQuota(100, 2).withQuotaModelErrors(new io.deepedge.models.profile.QuotaModelErrors(
                        summary(0.05, 0.1, 1), summary(0, 0, 1)));
        io.deepedge.models.profile.Profile profile = ProfileErrorTablesTest.profile(big, small);
        String profileOut = ProfileCommand.errorTables(profile, new io.deepedge.models.profile.QuotaModelErrors(
                summary(0.1, 0.3, 3), summary(0.2, 0.2, 3), summary(0.04, 0.08, 2)));
        String csv = HEADER + JOINT + ",rate\n" + row(1, 0.05, -0.02, 0.12, ",1,-0.1,0.2") + "\n";
        String table = tableWithProfile(csv, io.deepedge.experiments.config.ProfileFileWriter.text(profile),
                profileOut);
        assertEquals(List.of(
                "| device | trainColocatedSamplesPerSec | serviceColocatedMeanMs | trainCpuRatio |",
                "| --- | --- | --- | --- |",
                "| big | 10.0 % / 30.0 % | 20.0 % / 20.0 % | 4.0 % / 8.0 % |",
                "| small | 5.0 % / 10.0 % | 0.0 % / 0.0 % | n/a |",
                "| all devices (3 points) | 10.0 % / 30.0 % | 20.0 % / 20.0 % | 4.0 % / 8.0 % |"),
                rowsAfter(table, "The twin's CPU quota model", 5));
    }

    private static io.deepedge.models.profile.ErrorSummary summary(double median, double max, int points) {
        return new io.deepedge.models.profile.ErrorSummary(median, max, points);
    }

    @Test
    void theTwinsLatencyBesideTrainingIsCopiedFromTheProfilesOutputWithEveryCell() throws Exception {
        // two devices: big's medians 11 vs 10 ms (10 %) and 30 vs 40 ms (25 %), p99s 90 vs 100 (10 %) and 400 vs 100
        // (300 %); jetson-2's one point 5 vs 5 (0 %) and 50 vs 40 (25 %). Pooled: medians 0, 10, 25 % -> 10 / 25 %;
        // p99s 10, 25, 300 % -> 25 / 300 %. The twin above: big's medians 1 (11 vs 10), p99s 1 (400 vs 100);
        // jetson-2's median 0 (5 vs 5 is not above), p99 1; pooled 1 and 2
        QuotaModelCheck.LatencyComparison big = new QuotaModelCheck.LatencyComparison(List.of(
                point(11, 10, 90, 100), point(30, 40, 400, 100)));
        QuotaModelCheck.LatencyComparison small = new QuotaModelCheck.LatencyComparison(List.of(
                point(5, 5, 50, 40)));
        java.util.Map<String, QuotaModelCheck.LatencyComparison> byDevice = new java.util.LinkedHashMap<>();
        byDevice.put("big", big);
        byDevice.put("jetson-2", small);
        String profileOut = ProfileCommand.errorTables(ProfileErrorTablesTest.profile(
                ProfileErrorTablesTest.measuredTwice("big", 0.02, 0.002, 0.10, -0.10)),
                io.deepedge.models.profile.QuotaModelErrors.NONE) + ProfileCommand.latencyTable(byDevice);
        String csv = HEADER + JOINT + ",rate\n" + row(1, 0.05, -0.02, 0.12, ",1,-0.1,0.2") + "\n";
        List<String> rows = rowsAfter(table(csv, profileOut), "The twin's LC latency beside", 5);
        assertEquals(List.of(
                "| device | latencyColocatedMedianMs | latencyColocatedP99Ms |",
                "| --- | --- | --- |",
                "| big (2 points) | 17.5 % / 25.0 %, twin above 1 | 155.0 % / 300.0 %, twin above 1 |",
                "| jetson-2 (1 points) | 0.0 % / 0.0 %, twin above 0 | 25.0 % / 25.0 %, twin above 1 |",
                "| all devices (3 points) | 10.0 % / 25.0 %, twin above 1 | 25.0 % / 300.0 %, twin above 2 |"), rows);
        // the repeat table before it keeps its own rows, and without the latency table there is no such section
        assertTrue(table(csv, profileOut).contains("| big (1 measured again) |"), table(csv, profileOut));
        assertTrue(!table(csv).contains("LC latency beside training"));
        assertEquals("", ProfileCommand.latencyTable(java.util.Map.of()));
    }

    @Test
    void theTwinsLatencyWithTheServicesAloneIsCopiedAfterTheOneBesideTraining() throws Exception {
        // beside training the figures of the test above for big alone; with the services alone big's two points
        // 4 vs 5 ms (20 %) and 6 vs 6 (0 %), p99s 20 vs 40 (50 %) and 30 vs 60 (50 %): medians 10 / 20 %, p99s 50 / 50 %
        java.util.Map<String, QuotaModelCheck.LatencyComparison> beside = java.util.Map.of("big",
                new QuotaModelCheck.LatencyComparison(List.of(point(11, 10, 90, 100), point(30, 40, 400, 100))));
        java.util.Map<String, QuotaModelCheck.LatencyComparison> alone = java.util.Map.of("big",
                new QuotaModelCheck.LatencyComparison(List.of(point(4, 5, 20, 40), point(6, 6, 30, 60))));
        String besideOut = ProfileCommand.errorTables(ProfileErrorTablesTest.profile(
                ProfileErrorTablesTest.measuredTwice("big", 0.02, 0.002, 0.10, -0.10)),
                io.deepedge.models.profile.QuotaModelErrors.NONE) + ProfileCommand.latencyTable(beside);
        String profileOut = besideOut + ProfileCommand.aloneLatencyTable(alone);
        String csv = HEADER + JOINT + ",rate\n" + row(1, 0.05, -0.02, 0.12, ",1,-0.1,0.2") + "\n";
        String table = table(csv, profileOut);
        List<String> besideRows = rowsAfter(table, "The twin's LC latency beside", 3);
        assertEquals("| big (2 points) | 17.5 % / 25.0 %, twin above 1 | 155.0 % / 300.0 %, twin above 1 |",
                besideRows.get(2), table);
        List<String> aloneRows = rowsAfter(table, "The twin's LC latency with the services", 4);
        assertEquals(List.of(
                "| device | latencyAloneMedianMs | latencyAloneP99Ms |",
                "| --- | --- | --- |",
                "| big (2 points) | 10.0 % / 20.0 %, twin above 0 | 50.0 % / 50.0 %, twin above 0 |",
                "| device | idle agent (cores) | round overhead (ms) | shard load (ms per sample) | round coordination (ms) |"),
                aloneRows);
        assertTrue(!table(csv, besideOut).contains("with the services alone"));
        assertEquals("", ProfileCommand.aloneLatencyTable(java.util.Map.of()));
    }

    /** The first {@code n} markdown rows of {@code table} from the line starting with {@code heading} on. */
    private static List<String> rowsAfter(String table, String heading, int n) {
        return table.lines().dropWhile(l -> !l.startsWith(heading)).filter(l -> l.startsWith("| ")).limit(n).toList();
    }

    /** A held-out point's latency, the twin's (median, p99) beside the agents'. */
    private static QuotaModelCheck.PointLatency point(double medianTwin, double medianAgents, double p99Twin,
                                                      double p99Agents) {
        return new QuotaModelCheck.PointLatency(new io.deepedge.models.profile.DesignPoint(16, 100), true,
                new io.deepedge.models.profile.ColocatedLatency(15, medianAgents, p99Agents),
                new io.deepedge.models.profile.ColocatedLatency(15, medianTwin, p99Twin));
    }

    /** The last four cells of a summary row: median and max bounds, row by row, then jointly. */
    private static List<String> boundCells(String row) {
        String[] cells = row.split(" \\| ");
        return List.of(cells).subList(cells.length - 4, cells.length).stream()
                .map(c -> c.replace("|", "").trim()).toList();
    }

    @Test
    void theSummaryRowsOfAllLevelsAndOfTheHeavyOneAloneAreWorkedOutByHand() throws Exception {
        // |rel error| 0.05, 0.15, 0.12: median 12 %, max 15 % (the medians' the same); every row consistent with
        // diff_ci95 / |real| 0.1; cv 0.1 both sides; 12 same-seed pairs, 6 above, 6 below: the sign test's p is
        // min(1, 2 x 2510 / 4096) = 1. |error| anywhere in: row by row [0, 0.12], [0.08, 0.22], [0.04, 0.30] -> lows
        // 0, 0.04, 0.08 (median 0.04, max 0.08), highs 0.12, 0.22, 0.30 (median 0.22, max 0.30); jointly [0, 0.20],
        // [0.02, 0.30], [0, 0.40] (the third holds 0) -> lows 0, 0, 0.02, highs 0.20, 0.30, 0.40
        String csv = HEADER + JOINT + ",rate\n"
                + row(1, 0.05, -0.02, 0.12, ",3,-0.1,0.2") + "\n"
                + row(2, 0.15, 0.08, 0.22, ",3,0.02,0.3") + "\n"
                + row(3, -0.12, -0.30, -0.04, ",3,-0.4,0.01") + "\n";
        assertEquals("| lc_p99_ms | 3 | 12.0 % | 15.0 % | 3 | 12.0 % | 15.0 % | 3 of 3 | 10.0 % | 10.0 % / 10.0 % "
                + "| 6 of 12 (p 1) | 4.0 to 22.0 % | 8.0 to 30.0 % | 0.0 to 30.0 % | 2.0 to 40.0 % |",
                summaryRow(csv, "lc_p99_ms"));
        // the heavy level (rate 3) alone: its one row, 4 pairs split 2 / 2 (p = min(1, 2 x 11 / 16) = 1)
        assertEquals("| lc_p99_ms (heavy only) | 1 | 12.0 % | 12.0 % | 1 | 12.0 % | 12.0 % | 1 of 1 | 10.0 % "
                + "| 10.0 % / 10.0 % | 2 of 4 (p 1) | 4.0 to 30.0 % | 4.0 to 30.0 % | 0.0 to 40.0 % | 0.0 to 40.0 % |",
                summaryRow(csv, "lc_p99_ms (heavy only)"));
    }

    @Test
    void anOlderFileWithoutTheJointColumnsGivesNotAvailable() throws Exception {
        String csv = HEADER + ",rate\n" + row(1, 0.05, -0.02, 0.12, "") + "\n" + row(2, 0.15, 0.08, 0.22, "") + "\n";
        // lows 0, 0.08 (median 0.04), highs 0.12, 0.22 (median 0.17)
        assertEquals(List.of("4.0 to 17.0 %", "8.0 to 22.0 %", "n/a", "n/a"),
                boundCells(summaryRow(csv, "lc_p99_ms")));
    }

    @Test
    void anUnboundedRowLeavesTheUpperBoundsUnbounded() throws Exception {
        // both interval cells empty while both sides have 4 runs: |error| anywhere from 0 up
        String csv = HEADER + JOINT + ",rate\n" + row(1, 0.05, -0.02, 0.12, ",2,-0.1,0.2") + "\n"
                + row(2, 0.15, 0.08, 0.22, ",2,,").replace(",0.08,0.22,", ",,,") + "\n";
        // row by row: lows 0, 0 and highs 0.12, inf; jointly: lows 0, 0, highs 0.20, inf
        assertEquals(List.of("0.0 to unbounded", "0.0 to unbounded", "0.0 to unbounded", "0.0 to unbounded"),
                boundCells(summaryRow(csv, "lc_p99_ms")));
    }
}
