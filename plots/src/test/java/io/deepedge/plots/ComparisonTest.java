package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paired differences and their Student-t CIs against hand computations. The t quantiles are table values:
 * t(0.975, 3) = 3.182446305284, t(0.975, 4) = 2.776445105198.
 */
class ComparisonTest {
    private static final double T_975_3 = 3.182446305284;
    private static final double T_975_4 = 2.776445105198;

    @TempDir
    Path dir;

    @Test
    void ciHalfWidthOfAKnownSampleIsTTimesSOverRootN() {
        // 1..5: mean 3, s^2 = 10/4 = 2.5
        MeanCi stats = MeanCi.of(DoubleArrayList.wrap(new double[] {1, 2, 3, 4, 5}));
        assertEquals(3, stats.mean(), 1e-12);
        assertEquals(T_975_4 * Math.sqrt(2.5) / Math.sqrt(5), stats.ci95(), 1e-9);
        assertEquals(1.963243161, stats.ci95(), 1e-8);
    }

    @Test
    void pairedDifferencesTheirCiAndTheReplicationsThatWouldNarrowIt() {
        // d = 2, 1, 4, 1: mean 2, s^2 = (0 + 1 + 4 + 1) / 3 = 2
        PairedDiff p = PairedDiff.of(DoubleArrayList.wrap(new double[] {10, 12, 15, 11}),
                DoubleArrayList.wrap(new double[] {8, 11, 11, 10}));
        double ci = T_975_3 * Math.sqrt(2) / 2; // 2.2503
        assertEquals(4, p.n());
        assertEquals(2, p.meanDiff(), 1e-12);
        assertEquals(ci, p.ci95(), 1e-9);
        assertEquals(12, p.policyMean(), 1e-12);
        assertEquals(10, p.baselineMean(), 1e-12);
        assertEquals(0.2, p.relativeDiff(), 1e-12);
        assertTrue(p.wide(), "2.25 > 0.5 * 2");
        // n' = ceil(4 (2.2503 / 1)^2) = ceil(20.256) = 21
        assertEquals(21, p.replicationsNeeded());
    }

    @Test
    void aNarrowCiIsNotFlaggedAndAZeroDifferenceCannotBeNarrowed() {
        PairedDiff narrow = PairedDiff.of(DoubleArrayList.wrap(new double[] {110, 111, 109}),
                DoubleArrayList.wrap(new double[] {100, 101, 99}));
        assertEquals(10, narrow.meanDiff(), 1e-9);
        assertEquals(0, narrow.ci95(), 1e-9);
        assertFalse(narrow.wide());
        assertEquals(0, narrow.replicationsNeeded());
        PairedDiff zero = PairedDiff.of(DoubleArrayList.wrap(new double[] {1, 3}), DoubleArrayList.wrap(new double[] {2, 2}));
        assertEquals(0, zero.meanDiff(), 1e-12);
        assertTrue(zero.wide());
        assertEquals(-1, zero.replicationsNeeded());
    }

    @Test
    void comparisonCsvPairsReplicationsAgainstTheBaseline() throws IOException {
        SloFixture f = new SloFixture("sim");
        double[] mine = {10, 12, 15, 11};
        double[] base = {8, 11, 11, 10};
        for (int r = 0; r < 4; r++) {
            f.run("base", r, base[r], 0.01, 50, 0).run("new", r, mine[r], 0.02, 60 + r, 0);
        }
        Comparison c = Comparison.write(f.writeTo(dir), Optional.of("base"));
        List<String> lines = Files.readAllLines(dir.resolve("comparison.csv"));
        assertEquals("policy,baseline,metric,mean_diff,ci95,n,policy_mean,baseline_mean,rel_diff,ci_wide,"
                + "replications_needed,unpaired,note", lines.get(0));
        String retrain = lines.stream().filter(l -> l.startsWith("new,base,retrain_time_sec,")).findFirst().orElseThrow();
        List<String> cells = List.of(retrain.split(",", -1));
        assertEquals(2, Double.parseDouble(cells.get(3)), 1e-12);
        assertEquals(T_975_3 * Math.sqrt(2) / 2, Double.parseDouble(cells.get(4)), 1e-9);
        assertEquals(List.of("4", "12", "10", "0.2", "true", "21", "0", ""), cells.subList(5, 13));
        // lc_p99_ms: d = 10, 11, 12, 13 -> mean 11.5
        String p99 = lines.stream().filter(l -> l.startsWith("new,base,lc_p99_ms,")).findFirst().orElseThrow();
        assertEquals(11.5, Double.parseDouble(p99.split(",")[3]), 1e-12);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("base,")), "the baseline is not compared with itself");
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("new vs base, retrain_time_sec: 95 % CI")
                && w.contains("about 21 replications")), c.warnings().toString());
    }

    @Test
    void unfinishedPairsAreLeftOutAndCounted() {
        SloFixture f = new SloFixture("sim")
                .run("base", 0, 100.0, 0.01, 50, 0).run("new", 0, 90.0, 0.01, 50, 0)
                .run("base", 1, 100.0, 0.01, 50, 0).run("new", 1, null, 0.01, 50, 0)
                .run("base", 2, 104.0, 0.01, 50, 0).run("new", 2, 92.0, 0.01, 50, 0);
        ComparisonRow row = row(Comparison.of(f.runsCsv(), Optional.of("base")), "retrain_time_sec");
        assertEquals(2, row.stats().orElseThrow().n());
        assertEquals(-11, row.stats().orElseThrow().meanDiff(), 1e-12);
        assertEquals(1, row.unpaired());
        assertEquals("1 pair(s) left out: the job did not finish in one of the two runs", row.note());
    }

    @Test
    void differentSeedsRefuseThePairingWithAReason() {
        SloFixture f = new SloFixture("sim")
                .run("base", 0, 100.0, 0.01, 50, 0).run("new", 0, 90.0, 0.01, 50, 0)
                .run("base", 1, 100.0, 0.01, 50, 0).runWithSeed("new", 1, 77, 95.0, 0.01, 50, 0);
        Comparison c = Comparison.of(f.runsCsv(), Optional.of("base"));
        ComparisonRow row = row(c, "retrain_time_sec");
        assertTrue(row.stats().isEmpty());
        assertEquals("not compared: replication 1 has seed 77 but the baseline's has 1001, so the runs did not share"
                + " random numbers", row.note());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("seed 77")));
        assertEquals("new,base,retrain_time_sec,,,0,,,,,,0,not compared: replication 1 has seed 77 but the baseline's"
                + " has 1001, so the runs did not share random numbers", String.join(",", row.cells(Numbers::exact)));
    }

    @Test
    void aBaselineMissingAtAGridPointIsSaid() {
        SloFixture f = new SloFixture("sim", "rate")
                .run("base", 0, 100.0, 0.01, 50, 0, "1").run("new", 0, 90.0, 0.01, 50, 0, "1")
                .run("new", 0, 95.0, 0.01, 50, 0, "2");
        Comparison c = Comparison.of(f.runsCsv(), Optional.of("base"));
        ComparisonRow atTwo = c.rows().stream().filter(r -> r.key().point().equals(List.of("2"))).findFirst().orElseThrow();
        assertEquals("not compared: the baseline has no run at this grid point", atTwo.note());
        assertTrue(c.csv().lines().skip(1).allMatch(l -> l.endsWith(",1") || l.endsWith(",2")), "sweep column last");
    }

    @Test
    void aBaselineWithoutRunsIsSaidOnEveryRowAndTheDefaultIsTheFirstPolicy() {
        SloFixture f = new SloFixture("sim").run("base", 0, 100.0, 0.01, 50, 0).run("new", 0, 90.0, 0.01, 50, 0);
        Comparison c = Comparison.of(f.runsCsv(), Optional.of("nope"));
        assertTrue(c.rows().stream().allMatch(r -> r.stats().isEmpty()
                && r.note().equals("not compared: the baseline has no run at this grid point")));
        assertEquals("base", Comparison.of(f.runsCsv(), Optional.empty()).baseline(), "default: the first policy");
    }

    private static ComparisonRow row(Comparison c, String metric) {
        return c.rows().stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }
}
