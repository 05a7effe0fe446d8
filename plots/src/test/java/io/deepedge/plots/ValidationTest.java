package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate's arithmetic on hand-made result files, every expected value computed here by hand: means over the
 * runs with a value, Student-t half-widths from the closed forms of the t quantile for 1 and 2 degrees of
 * freedom, rel_error = (sim - real) / real, and the files and links of its report.
 */
class ValidationTest {
    /** t(0.975, 1) = tan(pi (0.975 - 1/2)): the Cauchy quantile. */
    private static final double T1 = Math.tan(Math.PI * 0.475);
    private static final double T2 = TQuantiles.T2;
    private static final double EPS = 1e-12;

    @TempDir
    Path tmp;

    private Validation handMade() throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("sim"));
        Path real = Files.createDirectory(tmp.resolve("real"));
        new ResultFixture()
                .run("a", 0, 10.0, 0.1, 100).run("a", 1, 12.0, 0.2, 110).run("a", 2, 14.0, 0.3, 120)
                .run("a", 3, null, 0.2, 110) // unfinished: left out of the re-training time only
                .service("a", 0, "det", "n1", true, 100, 10, 50).service("a", 1, "det", "n1", true, 200, 10, 70)
                .service("a", 0, "det", "n2", false, 100, 1, 20).service("a", 1, "det", "n2", false, 100, 1, 20)
                .writeTo(sim);
        new ResultFixture()
                .run("a", 0, 9.0, 0.25, 100).run("a", 1, 11.0, 0.15, 100)
                .service("a", 0, "det", "n1", true, 50, 5, 40).service("a", 1, "det", "n1", true, 50, 5, 40)
                .service("a", 0, "det", "n2", false, 80, 0, 30).service("a", 1, "det", "n2", false, 80, 0, 30)
                .writeTo(real);
        return Validation.read(sim, real);
    }

    private static ValidationRow row(Validation v, String metric, String device) {
        return v.rows().stream().filter(r -> r.metric().id.equals(metric) && r.device().equals(device))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + metric + " " + device));
    }

    /** One side of a row: its number of runs, mean and 95 % CI half-width, worked out by hand in the caller. */
    private static void assertSide(MeanCi side, int n, double mean, double ci95) {
        assertEquals(n, side.n());
        assertEquals(mean, side.mean(), EPS);
        assertEquals(ci95, side.ci95(), 1e-9);
    }

    @Test
    void meansCisAndRelativeErrorsAreTheHandComputedOnes() throws IOException {
        Validation v = handMade();
        ValidationRow retrain = row(v, "retrain_time_sec", "");
        // sim: 10, 12, 14 (the unfinished run left out): mean 12, s = 2; real: 9, 11: mean 10, s = sqrt(2)
        assertSide(retrain.sim(), 3, 12, T2 * 2 / Math.sqrt(3));
        assertSide(retrain.real(), 2, 10, T1 * Math.sqrt(2) / Math.sqrt(2));
        assertEquals(0.2, retrain.relError(), EPS);
        assertEquals(2, retrain.absError(), EPS);

        ValidationRow miss = row(v, "lc_miss_rate", "");
        assertEquals(4, miss.sim().n()); // every run judged LC requests, the unfinished one too
        assertEquals(0.2, miss.sim().mean(), EPS);
        assertEquals(0.2, miss.real().mean(), EPS);
        assertEquals(0, miss.relError(), EPS);

        ValidationRow p99 = row(v, "lc_p99_ms", "");
        assertEquals(110, p99.sim().mean(), EPS);
        assertEquals(100, p99.real().mean(), EPS);
        assertEquals(0, p99.real().ci95(), EPS);
        assertEquals(0.1, p99.relError(), EPS);

        // per instance: miss rate is each run's misses / requests, then averaged over runs
        ValidationRow n1Miss = row(v, "service_miss_rate", "n1");
        assertEquals((10.0 / 100 + 10.0 / 200) / 2, n1Miss.sim().mean(), EPS);
        assertEquals(0.1, n1Miss.real().mean(), EPS);
        assertEquals(-0.25, n1Miss.relError(), EPS);
        ValidationRow n1P99 = row(v, "service_p99_ms", "n1");
        assertEquals(60, n1P99.sim().mean(), EPS);
        assertEquals(0.5, n1P99.relError(), EPS);
        // a real mean of 0 leaves the relative error undefined; the absolute error remains
        ValidationRow n2Miss = row(v, "service_miss_rate", "n2");
        assertTrue(Double.isNaN(n2Miss.relError()));
        assertEquals(0.01, n2Miss.absError(), EPS);
        // no accuracy column on either side: no accuracy rows
        assertFalse(v.rows().stream().anyMatch(r -> r.metric().id.startsWith("accuracy")));
    }

    @Test
    void theJobViewsP99IsComparedWhenBothSidesHaveIt() throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("sim"));
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path old = Files.createDirectory(tmp.resolve("old"));
        new ResultFixture()
                .run("a", 0, 10.0, 0.1, 100).run("a", 1, 12.0, 0.2, 110)
                .service("a", 0, "det", "n1", false, 100, 1, 20).jobP99("60")
                .service("a", 1, "det", "n1", false, 100, 1, 20).jobP99("80")
                .service("a", 0, "det", "n2", true, 100, 1, 20).jobP99("") // no job view: no value
                .service("a", 1, "det", "n2", true, 100, 1, 20).jobP99("30")
                .writeTo(sim);
        new ResultFixture()
                .run("a", 0, 9.0, 0.25, 100).run("a", 1, 11.0, 0.15, 100)
                .service("a", 0, "det", "n1", false, 80, 0, 30).jobP99("50")
                .service("a", 1, "det", "n1", false, 80, 0, 30).jobP99("50")
                .service("a", 0, "det", "n2", true, 80, 0, 30).jobP99("40")
                .service("a", 1, "det", "n2", true, 80, 0, 30).jobP99("20")
                .writeTo(real);
        new ResultFixture()
                .run("a", 0, 9.0, 0.25, 100)
                .service("a", 0, "det", "n1", false, 80, 0, 30)
                .writeTo(old);
        Validation v = Validation.read(sim, real);
        ValidationRow n1 = row(v, "service_job_p99_ms", "n1");
        // sim 60, 80: mean 70; real 50, 50: mean 50
        assertSide(n1.sim(), 2, 70, T1 * Math.sqrt(200) / Math.sqrt(2));
        assertEquals(50, n1.real().mean(), EPS);
        assertEquals(0.4, n1.relError(), EPS);
        ValidationRow n2 = row(v, "service_job_p99_ms", "n2");
        assertEquals(1, n2.sim().n());
        assertEquals(30, n2.sim().mean(), EPS);
        assertEquals(0, n2.relError(), EPS);  // real 40, 20: mean 30
        // a directory written before the column: nothing to compare, the other service metrics still are
        Validation withOld = Validation.read(sim, old);
        assertFalse(withOld.rows().stream().anyMatch(r -> r.metric().id.equals("service_job_p99_ms")));
        assertEquals(20, row(withOld, "service_p99_ms", "n1").sim().mean(), EPS);
    }

    @Test
    void throttledSharesAreComparedPerDeviceBothSidesCount() throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("sim"));
        Path real = Files.createDirectory(tmp.resolve("real"));
        new ResultFixture()
                .run("a", 0, 10.0, 0.1, 100).cfs("big:0.0300;mid:0.5000")
                .run("a", 1, 12.0, 0.2, 110).cfs("big:0.0100;mid:0.7000")
                .run("a", 2, 14.0, 0.3, 120).cfs("big:0.0200")
                .service("a", 0, "det", "big", false, 100, 1, 20)
                .writeTo(sim);
        new ResultFixture()
                .run("a", 0, 9.0, 0.25, 100).cfs("big:0.0600;small:0.2000")
                .run("a", 1, 11.0, 0.15, 100).cfs("big:0.0800")
                .service("a", 0, "det", "big", false, 100, 1, 20)
                .writeTo(real);
        Validation v = Validation.read(sim, real);
        ValidationRow big = row(v, "cfs_throttled_share", "big");
        // sim 0.03, 0.01, 0.02: mean 0.02, s = 0.01; real 0.06, 0.08: mean 0.07, s = sqrt(2) / 100
        assertSide(big.sim(), 3, 0.02, T2 * 0.01 / Math.sqrt(3));
        assertSide(big.real(), 2, 0.07, T1 * 0.01);
        assertEquals((0.02 - 0.07) / 0.07, big.relError(), EPS);
        assertEquals("", big.service());
        // mid is counted by the simulator only, small by the testbed only: nothing to compare
        assertEquals(1, v.rows().stream().filter(r -> r.metric().id.equals("cfs_throttled_share")).count());
        assertTrue(v.summaryLine().contains("cfs_throttled_share 71.4%/71.4%"), v.summaryLine());

        // a directory written before the column (or without quotas) gives no row
        Path old = Files.createDirectory(tmp.resolve("old"));
        new ResultFixture().run("a", 0, 9.0, 0.25, 100).service("a", 0, "det", "big", false, 100, 1, 20).writeTo(old);
        assertTrue(Validation.read(sim, old).rows().stream().noneMatch(r -> r.metric().id.equals("cfs_throttled_share")));

        // a cell that is not device:share pairs is refused, naming the file, line and value (bad input, no trace)
        Path bad = Files.createDirectory(tmp.resolve("bad"));
        new ResultFixture().run("a", 0, 9.0, 0.25, 100).cfs("big=0.06").run("a", 1, 9.0, 0.25, 100).cfs("big:1.7")
                .service("a", 0, "det", "big", false, 100, 1, 20).writeTo(bad);
        ResultFileException e = assertThrows(ResultFileException.class, () -> Validation.read(sim, bad));
        String message = String.join("\n", e.problems());
        assertTrue(message.contains("cfs_throttled_share") && message.contains("big=0.06")
                && message.contains("big:1.7") && message.contains("runs.csv:2") && message.contains("runs.csv:3"),
                message);
    }

    @Test
    void cpuUsedIsComparedPerDeviceBothSidesMeasured(@TempDir Path tmp) throws IOException {
        perDeviceMetricIsComparedWhereBothSidesMeasureIt(tmp, "cpu_cores_used", ResultFixture::cpu, "device:cores");
    }

    @Test
    void trainingCpuPerSampleIsComparedPerDeviceBothSidesMeasured(@TempDir Path tmp) throws IOException {
        perDeviceMetricIsComparedWhereBothSidesMeasureIt(tmp, "train_cpu_ms_per_sample", ResultFixture::trainCpu,
                "device:ms");
    }

    /**
     * A per-device metric of runs.csv whose values are >= 0 without a bound ({@code cpu_cores_used},
     * {@code train_cpu_ms_per_sample}), set on each run by {@code cell}: compared for the device both sides have,
     * refused naming the {@code pairs} expected when a cell is not pairs of them.
     */
    private static void perDeviceMetricIsComparedWhereBothSidesMeasureIt(
            Path tmp, String metric, java.util.function.BiFunction<ResultFixture, String, ResultFixture> cell,
            String pairs) throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("sim"));
        Path real = Files.createDirectory(tmp.resolve("real"));
        ResultFixture simRuns = new ResultFixture();
        cell.apply(simRuns.run("a", 0, 10.0, 0.1, 100).cfs("big:0.0300"), "big:0.3000;mid:0.2900");
        cell.apply(simRuns.run("a", 1, 12.0, 0.2, 110).cfs("big:0.0100"), "big:0.5000;mid:0.2800");
        simRuns.service("a", 0, "det", "big", false, 100, 1, 20).writeTo(sim);
        ResultFixture realRuns = new ResultFixture();
        cell.apply(realRuns.run("a", 0, 9.0, 0.25, 100), "big:0.4500;remote:0.1000");
        cell.apply(realRuns.run("a", 1, 11.0, 0.15, 100), "big:0.5500");
        cell.apply(realRuns.run("a", 2, 11.0, 0.15, 100), "big:0.6500");
        realRuns.service("a", 0, "det", "big", false, 100, 1, 20).writeTo(real);
        Validation v = Validation.read(sim, real);
        ValidationRow big = row(v, metric, "big");
        // sim 0.3, 0.5: mean 0.4, s = sqrt(0.02); real 0.45, 0.55, 0.65: mean 0.55, s = 0.1
        assertSide(big.sim(), 2, 0.4, T1 * Math.sqrt(0.02) / Math.sqrt(2));
        assertSide(big.real(), 3, 0.55, T2 * 0.1 / Math.sqrt(3));
        assertEquals((0.4 - 0.55) / 0.55, big.relError(), EPS);
        // mid only in the twin, remote only on the testbed; the real side counted no CFS periods at all
        assertEquals(1, v.rows().stream().filter(r -> r.metric().id.equals(metric)).count());
        assertEquals(0, v.rows().stream().filter(r -> r.metric().id.equals("cfs_throttled_share")).count());
        assertTrue(v.summaryLine().contains(metric + " 27.3%/27.3%"), v.summaryLine());

        // a cell that is not pairs of a device and a value >= 0 is refused with the file, line and value
        Path bad = Files.createDirectory(tmp.resolve("bad"));
        ResultFixture badRuns = new ResultFixture();
        cell.apply(badRuns.run("a", 0, 9.0, 0.25, 100), "big:-0.1");
        cell.apply(badRuns.run("a", 1, 9.0, 0.25, 100), "big");
        badRuns.service("a", 0, "det", "big", false, 100, 1, 20).writeTo(bad);
        ResultFileException e = assertThrows(ResultFileException.class, () -> Validation.read(sim, bad));
        String message = String.join("\n", e.problems());
        assertTrue(message.contains(metric) && message.contains("big:-0.1") && message.contains("runs.csv:2")
                && message.contains("runs.csv:3") && message.contains(pairs), message);
    }

    @Test
    void validationCsvHasTheContractColumnsAndTheValues() throws IOException {
        Validation v = handMade();
        List<String> lines = v.csv().lines().toList();
        assertEquals("policy,metric,sim_mean,real_mean,rel_error,sim_ci95,real_ci95,sim_runs,real_runs,abs_error,"
                + "service,device,sim_median,real_median,median_rel_error,diff_ci95,consistent,sim_cv,real_cv,"
                + "same_seed_runs,sim_above,sim_below,sign_test_p,rel_error_lo,rel_error_hi,joint_rows,"
                + "rel_error_lo_joint,rel_error_hi_joint", lines.get(0));
        String[] retrain = lines.stream().filter(l -> l.startsWith("a,retrain_time_sec,")).findFirst().orElseThrow()
                .split(",", -1);
        assertEquals(List.of("12", "10", "0.2"), List.of(retrain).subList(2, 5));
        assertEquals(T2 * 2 / Math.sqrt(3), Double.parseDouble(retrain[5]), 1e-9);
        assertEquals(T1, Double.parseDouble(retrain[6]), 1e-9);
        assertEquals(List.of("3", "2", "2", "", ""), List.of(retrain).subList(7, 12));
        // medians: sim 10, 12, 14 -> 12; real 9, 11 -> 10 (the mean of the two middle values)
        assertEquals(List.of("12", "10", "0.2"), List.of(retrain).subList(12, 15));
        // 5 run metrics + 2 instances x 4 service metrics
        assertEquals(1 + 5 + 8, lines.size());
        String line = v.summaryLine();
        assertTrue(line.contains("retrain_time_sec 20.0%/20.0%"), line);
        assertTrue(line.contains("lc_p99_ms 10.0%/10.0%"), line);
        // n1: |-0.25|; n2 undefined (real 0)
        assertTrue(line.contains("service_miss_rate 25.0%/25.0% (1 of 2 rows)"), line);
        // n1: p99 60 vs 40 (50 %), n2: 20 vs 30 (33.3 %): median of two is their mean
        assertTrue(line.contains("service_p99_ms " + ValidationTable.percent((0.5 + 1.0 / 3) / 2) + "/50.0%"), line);
    }

    @Test
    void runsOfTheSameReplicationAndSeedArePairedAndSignTested() throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("sim"));
        Path real = Files.createDirectory(tmp.resolve("real"));
        new ResultFixture()
                .run("a", 0, 10.0, 0.1, 100).run("a", 1, 11.0, 0.1, 100).run("a", 2, 12.0, 0.1, 100)
                .run("a", 3, 13.0, 0.1, 100).run("a", 4, 14.0, 0.1, 100)
                .service("a", 0, "det", "n1", true, 100, 1, 50).service("a", 1, "det", "n1", true, 100, 1, 50)
                .service("a", 2, "det", "n1", true, 100, 1, 50).service("a", 9, "det", "n1", true, 100, 1, 50)
                .writeTo(sim);
        new ResultFixture()
                .run("a", 0, 9.0, 0.1, 100)               // sim above
                .run("a", 1, 12.0, 0.1, 100)              // sim below
                .run("a", 2, 1.0, 0.1, 100).seed(7)       // another seed: not a pair
                .run("a", 3, 13.0, 0.1, 100)              // a tie
                .run("a", 4, 10.0, 0.1, 100)              // sim above
                .run("a", 5, 100.0, 0.1, 100)             // no such run in sim
                .service("a", 0, "det", "n1", true, 100, 1, 40).service("a", 1, "det", "n1", true, 100, 1, 40)
                .service("a", 2, "det", "n1", true, 100, 1, 40) // its run has another seed
                .service("a", 9, "det", "n1", true, 100, 1, 40) // no run 9 in runs.csv: no seed, not a pair
                .writeTo(real);
        Validation v = Validation.read(sim, real);
        // 4 pairs (0, 1, 3, 4): 2 above, 1 below, 1 tie; sign test over 3: 2 P(X <= 1), X ~ B(3, 1/2) = 2 x 4/8 -> 1
        assertEquals(new SameSeedPairs(4, 2, 1), row(v, "retrain_time_sec", "").sameSeed());
        assertEquals(1.0, row(v, "retrain_time_sec", "").sameSeed().signTestP(), EPS);
        // the means still use every run with a value: sim 12 over 5, real (9 + 12 + 1 + 13 + 10 + 100) / 6
        assertEquals(6, row(v, "retrain_time_sec", "").real().n());
        assertEquals(145.0 / 6, row(v, "retrain_time_sec", "").real().mean(), EPS);
        // p99 100 on both sides in all 4 pairs: ties only, so no sign test
        assertEquals(new SameSeedPairs(4, 0, 0), row(v, "lc_p99_ms", "").sameSeed());
        assertTrue(Double.isNaN(row(v, "lc_p99_ms", "").sameSeed().signTestP()));
        // services.csv rows take their run's seed: replications 0 and 1 pair, 2 (another seed) and 9 (no run) do not
        assertEquals(new SameSeedPairs(2, 2, 0), row(v, "service_p99_ms", "n1").sameSeed());
        assertEquals(0.5, row(v, "service_p99_ms", "n1").sameSeed().signTestP(), EPS); // 2 x (1/2)^2
        String[] cells = v.csv().lines().filter(l -> l.startsWith("a,retrain_time_sec,")).findFirst().orElseThrow()
                .split(",", -1);
        assertEquals(List.of("4", "2", "1", "1"), List.of(cells).subList(19, 23));
        String line = v.summaryLine();
        assertTrue(line.contains("sim above real in same-seed runs: retrain_time_sec 2 of 4 (p 1.0)"), line);
        assertTrue(line.contains("service_p99_ms 2 of 2 (p 0.50)"), line);
    }

    /**
     * Replications 0-2 of policy a on each side, the simulated side's re-training times 1, 2, 3 s and p99s 1, 2, 3 ms,
     * the real side's the given ones; miss rate 0.1 and one service instance on both.
     */
    private Validation threeRunsEach(double[] simP99Ms, double[] realRetrainSec, double[] realP99Ms)
            throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("s"));
        Path real = Files.createDirectory(tmp.resolve("r"));
        ResultFixture simRuns = new ResultFixture();
        ResultFixture realRuns = new ResultFixture();
        for (int r = 0; r < 3; r++) {
            simRuns.run("a", r, r + 1.0, 0.1, simP99Ms[r]);
            realRuns.run("a", r, realRetrainSec[r], 0.1, realP99Ms[r]);
        }
        simRuns.service("a", 0, "d", "n", true, 1, 0, 5).writeTo(sim);
        realRuns.service("a", 0, "d", "n", true, 1, 0, 5).writeTo(real);
        return Validation.read(sim, real);
    }

    @Test
    void theDifferenceOfTheMeansIsJudgedAgainstItsWelchInterval() throws IOException {
        // retrain: sim 1, 2, 3 and real 3, 4, 5; p99: sim 1, 2, 3 and real 5, 6, 7. Each side s^2 = 1, n = 3, so
        // SE^2 = 1/3 per side, Welch-Satterthwaite df = (2/3)^2 / (2 (1/3)^2 / 2) = 4, diff_ci95 = t(0.975, 4) sqrt(2/3)
        Validation v = threeRunsEach(new double[] {1, 2, 3}, new double[] {3, 4, 5}, new double[] {5, 6, 7});
        double half = TQuantiles.t4() * Math.sqrt(2.0 / 3);
        assertEquals(2.776445, TQuantiles.t4(), 1e-6); // the printed tables' value
        ValidationRow retrain = row(v, "retrain_time_sec", "");
        assertEquals(half, retrain.diffCi95(), 1e-9);
        assertEquals(Optional.of(true), retrain.consistent()); // |2 - 4| = 2 < 2.267
        ValidationRow p99 = row(v, "lc_p99_ms", "");
        assertEquals(half, p99.diffCi95(), 1e-9);
        assertEquals(Optional.of(false), p99.consistent()); // |2 - 6| = 4 > 2.267
        // miss rates 0.1 on every run of both sides: no spread, a zero interval, and equal means are consistent
        ValidationRow miss = row(v, "lc_miss_rate", "");
        assertEquals(0, miss.diffCi95(), EPS);
        assertEquals(Optional.of(true), miss.consistent());
        // one service run per side: no interval, no verdict
        ValidationRow oneRun = row(v, "service_p99_ms", "n");
        assertTrue(Double.isNaN(oneRun.diffCi95()));
        assertEquals(Optional.empty(), oneRun.consistent());
        List<String> lines = v.csv().lines().toList();
        assertTrue(lines.get(0).endsWith(",median_rel_error,diff_ci95,consistent,sim_cv,real_cv,same_seed_runs,"
                + "sim_above,sim_below,sign_test_p,rel_error_lo,rel_error_hi,joint_rows,rel_error_lo_joint,"
                + "rel_error_hi_joint"), lines.get(0));
        String[] p99Cells = lines.stream().filter(l -> l.startsWith("a,lc_p99_ms,")).findFirst().orElseThrow()
                .split(",", -1);
        assertEquals(half, Double.parseDouble(p99Cells[15]), 1e-9);
        assertEquals("false", p99Cells[16]);
        // the runs' spread, sd / mean: sim 1, 2, 3 -> 1 / 2; real 5, 6, 7 -> 1 / 6
        assertEquals(0.5, Double.parseDouble(p99Cells[17]), 1e-12);
        assertEquals(1.0 / 6, Double.parseDouble(p99Cells[18]), 1e-12);
        String[] oneRunCells = lines.stream().filter(l -> l.startsWith("a,service_p99_ms,")).findFirst().orElseThrow()
                .split(",", -1);
        assertEquals(List.of("", "", "", ""), List.of(oneRunCells).subList(15, 19)); // diff_ci95 ... real_cv
        String line = v.summaryLine();
        // retrain: rel error -0.5, interval 2.267 / 4; p99: -2/3, interval 2.267 / 6
        assertTrue(line.contains("retrain_time_sec 50.0%/50.0% [1 of 1 within the difference's 95% CI, median +/-"
                + ValidationTable.percent(half / 4) + "]"), line);
        assertTrue(line.contains("lc_p99_ms " + ValidationTable.percent(2.0 / 3) + "/" + ValidationTable.percent(2.0 / 3)
                + " [0 of 1 within the difference's 95% CI, median +/-" + ValidationTable.percent(half / 6) + "]"), line);
        // retrain 1, 2, 3 against 3, 4, 5: spreads 1 / 2 and 1 / 4; the miss rates, the same on every run, none
        assertTrue(line.contains("; the runs' spread (median sd/mean) sim/real: retrain_time_sec 50.0%/25.0%, "
                + "lc_miss_rate 0.0%/0.0%"), line);
        // runs to resolve +/-50 % (RunsToResolveTest's tables): retrain sim cv 1/2 -> 11 (t(10) = 2.228139: 2 t^2 =
        // 9.93 <= 11, t(9): 10.23 > 10), real 1/4 -> 5 (t(4)^2 / 2 = 3.85 <= 5, t(3)^2 / 2 = 5.06 > 4); p99 real 1/6
        // -> 4 (t^2 / 4.5: t(3) 2.25 <= 4, t(2) = 4.302653: 4.11 > 3); the miss rates, no spread, 2
        String resolving = v.resolving(0.5).summaryLine();
        assertTrue(resolving.contains("; runs a cell to resolve +/-50.0% at 95% (sim/real, at the median spread): "
                + "retrain_time_sec 11/5, "), resolving);
        assertTrue(resolving.contains("lc_p99_ms 11/4"), resolving);
        assertTrue(resolving.contains("lc_miss_rate 2/2"), resolving);
        // the default plans for +/-10 %
        assertTrue(line.contains("; runs a cell to resolve +/-10.0% at 95%"), line);
    }

    @Test
    void theSummaryLineBoundsTheMedianAndWorstErrorByTheRowsIntervals() throws IOException {
        // retrain: sim 1, 2, 3 against 4, 4, 4: Fieller's interval is (2 +- t(0.975, 2) / sqrt 3) / 4 - 1, which
        // holds 0 (least |error| 0) and reaches -1.121 (largest); one row, so the median and the worst alike
        Validation v = threeRunsEach(new double[] {1, 2, 3}, new double[] {4, 4, 4}, new double[] {5, 6, 7});
        String worst = String.format(java.util.Locale.ROOT, "%.1f%%", 100 * (1 - (2 - T2 / Math.sqrt(3)) / 4));
        assertEquals("112.1%", worst);
        String line = v.summaryLine();
        assertTrue(line.contains("; |rel error| median/max within the rows' 95% CIs: retrain_time_sec 0.0-112.1%/"
                + "0.0-112.1%"), line);
        // one row per metric: its joint level is 1 - 0.05 / 1, the same interval
        assertTrue(line.contains("; jointly at 95% (Bonferroni over each metric's rows): retrain_time_sec "
                + "0.0-112.1%/0.0-112.1%"), line);
    }

    @Test
    void aSweepIsComparedPerGridPoint() throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("s"));
        Path real = Files.createDirectory(tmp.resolve("r"));
        new ResultFixture("rate").run("a", 0, 10.0, 0.1, 100, "2").run("a", 0, 30.0, 0.1, 100, "5")
                .service("a", 0, "d", "n", true, 1, 0, 5, "2").service("a", 0, "d", "n", true, 1, 0, 5, "5")
                .writeTo(sim);
        new ResultFixture("rate").run("a", 0, 8.0, 0.1, 100, "2").run("a", 0, 40.0, 0.1, 100, "5")
                .service("a", 0, "d", "n", true, 1, 0, 5, "2").service("a", 0, "d", "n", true, 1, 0, 5, "5")
                .writeTo(real);
        List<String> lines = Validation.read(sim, real).csv().lines().toList();
        assertTrue(lines.get(0).endsWith(",service,device,sim_median,real_median,median_rel_error,diff_ci95,consistent,"
                + "sim_cv,real_cv,same_seed_runs,sim_above,sim_below,sign_test_p,rel_error_lo,rel_error_hi,joint_rows,"
                + "rel_error_lo_joint,rel_error_hi_joint,rate"),
                lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("a,retrain_time_sec,10,8,0.25,") && l.endsWith(",2")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("a,retrain_time_sec,30,40,-0.25,") && l.endsWith(",5")),
                lines.toString());
    }

    @Test
    void mediansOverTheRunsAreComparedBesideTheMeans() throws IOException {
        // one real run of three stalled (p99 2,543 ms against 97 and 101): the mean follows it, the median does not
        Path sim = Files.createDirectory(tmp.resolve("s"));
        Path real = Files.createDirectory(tmp.resolve("r"));
        new ResultFixture().run("a", 0, 10.0, 0.1, 80).run("a", 1, 10.0, 0.1, 76).run("a", 2, 10.0, 0.1, 71)
                .run("a", 3, 10.0, 0.1, 90)
                .service("a", 0, "d", "n", true, 1, 0, 5).writeTo(sim);
        new ResultFixture().run("a", 0, 10.0, 0.1, 97).run("a", 1, 10.0, 0.1, 2543).run("a", 2, 10.0, 0.1, 101)
                .service("a", 0, "d", "n", true, 1, 0, 5).writeTo(real);
        Validation v = Validation.read(sim, real);
        ValidationRow p99 = row(v, "lc_p99_ms", "");
        assertEquals((80 + 76 + 71 + 90) / 4.0, p99.sim().mean(), EPS);
        assertEquals((97 + 2543 + 101) / 3.0, p99.real().mean(), EPS);
        assertEquals((80 + 76) / 2.0, p99.sim().median(), EPS); // sorted 71, 76, 80, 90
        assertEquals(101, p99.real().median(), EPS);
        assertEquals((78 - 101) / 101.0, p99.medianRelError(), EPS);
        assertEquals((79.25 - 2741 / 3.0) / (2741 / 3.0), p99.relError(), EPS);
        String line = v.summaryLine();
        assertTrue(line.contains("; on the runs' medians: ") && line.contains("lc_p99_ms "
                + ValidationTable.percent(23 / 101.0) + "/" + ValidationTable.percent(23 / 101.0)), line);
    }

    @Test
    void differentSweepColumnsAreRefused() throws IOException {
        Path sim = Files.createDirectory(tmp.resolve("s"));
        Path real = Files.createDirectory(tmp.resolve("r"));
        new ResultFixture("rate").run("a", 0, 10.0, 0.1, 100, "2").service("a", 0, "d", "n", true, 1, 0, 5, "2")
                .writeTo(sim);
        new ResultFixture().run("a", 0, 10.0, 0.1, 100).service("a", 0, "d", "n", true, 1, 0, 5).writeTo(real);
        ResultFileException e = assertThrows(ResultFileException.class, () -> Validation.read(sim, real));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("runs.csv:1: header: sweep columns differ")),
                e.problems().toString());
    }

    @Test
    void figuresAreWrittenAndTheReportLinksOnlyFilesThatExist() throws IOException {
        Validation v = handMade();
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path report = v.write(out, "hand-made", "sim dir", "real dir");
        for (String chart : List.of("validation_time", "validation_latency", "validation_miss_rate")) {
            byte[] png = Files.readAllBytes(out.resolve("plots/" + chart + ".png"));
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', chart);
            String svg = Files.readString(out.resolve("plots/" + chart + ".svg"), StandardCharsets.UTF_8);
            assertTrue(svg.contains("<svg"), chart);
        }
        assertFalse(Files.exists(out.resolve("plots/validation_accuracy.png")), "no accuracy: no chart");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            links.add(m.group(1));
        }
        assertEquals(7, links.size(), links.toString()); // validation.csv, and 3 x (PNG, SVG)
        for (String link : links) {
            assertFalse(link.startsWith("/") || link.contains(":") || link.contains(".."), "relative: " + link);
            assertTrue(Files.isRegularFile(out.resolve(link)), "exists: " + link);
        }
        assertEquals(v.csv(), Files.readString(out.resolve("validation.csv"), StandardCharsets.UTF_8));
    }
}
