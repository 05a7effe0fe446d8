package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate's re-training error at the real runs' training CPU a sample, on hand-made directories: four same-seed
 * pairs whose logs are chosen so that the least-squares line and each row's errors work out by hand.
 */
class CpuConditioningTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    /**
     * A pair with {@code x = ln(sim / real)} of fast's CPU a sample and {@code y = ln(sim / real)} of the re-training
     * time: the twin at 2.0 ms and 10 s x e^y, the testbed at 2.0 e^-x ms and 10 s.
     */
    private static void pair(ResultFixture sim, ResultFixture real, String policy, int replication, double x, double y) {
        sim.run(policy, replication, 10 * Math.exp(y), 0.1, 100).trainCpu("fast:2.0;gone:1.0");
        real.run(policy, replication, 10.0, 0.1, 100).trainCpu("fast:" + 2.0 * Math.exp(-x));
    }

    /** Both sides written (one service row each, which validate requires) and read. */
    private Validation read(ResultFixture sim, ResultFixture real) throws IOException {
        Path simDir = Files.createDirectory(tmp.resolve("sim"));
        Path realDir = Files.createDirectory(tmp.resolve("real"));
        sim.service("a", 0, "det", "fast", false, 100, 1, 20).writeTo(simDir);
        real.service("a", 0, "det", "fast", false, 100, 1, 20).writeTo(realDir);
        return Validation.read(simDir, realDir);
    }

    @Test
    void theErrorAtTheRealRunsCpuTakesOutTheFittedDependence() throws IOException {
        ResultFixture sim = new ResultFixture();
        ResultFixture real = new ResultFixture();
        // (x, y): a (0, 0.1), (-0.2, -0.2); b (-0.1, 0), (-0.3, -0.3). Means -0.15 and -0.1; deviations dx 0.15,
        // -0.05, 0.05, -0.15 and dy 0.2, -0.1, 0.1, -0.2: Sxx 0.05, Sxy 0.07, Syy 0.1, so slope 1.4, intercept
        // -0.1 + 1.4 x 0.15 = 0.11, r 0.07 / sqrt(0.005)
        pair(sim, real, "a", 0, 0, 0.1);
        pair(sim, real, "a", 1, -0.2, -0.2);
        pair(sim, real, "b", 0, -0.1, 0);
        pair(sim, real, "b", 1, -0.3, -0.3);
        // not pairs: a run only the twin has, an unfinished real run, a real run without its CPU a sample
        sim.run("a", 2, 10.0, 0.1, 100).trainCpu("fast:2.0");
        sim.run("b", 2, 10.0, 0.1, 100).trainCpu("fast:2.0");
        real.run("b", 2, null, 0.1, 100).trainCpu("fast:2.0");
        sim.run("b", 3, 10.0, 0.1, 100).trainCpu("fast:2.0");
        real.run("b", 3, 12.0, 0.1, 100);

        Validation v = read(sim, real);
        CpuConditioning c = v.cpu().orElseThrow();
        assertEquals(4, c.pairs());
        assertEquals(1.4, c.slope(), EPS);
        assertEquals(0.11, c.intercept(), EPS);
        assertEquals(0.07 / Math.sqrt(0.005), c.correlation(), EPS);
        // a: mean x -0.1, mean y -0.05; b: -0.2, -0.15. At the real CPU: y - 1.4 x, 0.09 and 0.13
        CpuConditioning.Row a = c.rows().get(0);
        CpuConditioning.Row b = c.rows().get(1);
        assertEquals("a", a.key().policy());
        assertEquals(2, a.pairs());
        assertEquals(-0.1, a.cpuLogRatio(), EPS);
        assertEquals(Math.expm1(-0.05), a.sameSeedRelError(), EPS);
        assertEquals(Math.expm1(0.09), a.atRealCpuRelError(), EPS);
        assertEquals("b", b.key().policy());
        assertEquals(Math.expm1(-0.15), b.sameSeedRelError(), EPS);
        assertEquals(Math.expm1(0.13), b.atRealCpuRelError(), EPS);
        // the summary's medians of two rows are their means
        String summary = c.summary();
        assertTrue(summary.contains("slope 1.40 over 4 same-seed pairs, r 0.99"), summary);
        double at = 100 * (Math.expm1(0.09) + Math.expm1(0.13)) / 2;
        double same = 100 * (-Math.expm1(-0.05) - Math.expm1(-0.15)) / 2;
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "median/max %.1f%%/%.1f%% (same-seed %.1f%%/"
                + "%.1f%%)", at, 100 * Math.expm1(0.13), same, -100 * Math.expm1(-0.15))), summary);
        String csv = c.csv(List.of());
        assertTrue(csv.startsWith("policy,pairs,cpu_log_ratio,rel_error_same_seed,rel_error_at_real_cpu,slope,"
                + "intercept,correlation,fit_pairs\na,2,"), csv);
        assertEquals(3, csv.split("\n").length, csv);
        // validate writes it beside validation.csv
        Path out = Files.createDirectory(tmp.resolve("out"));
        v.write(out, "hand-made", "sim", "real");
        assertEquals(csv, Files.readString(out.resolve(CpuConditioning.FILE)));
        // and the report shows it, linking the file
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("The re-training error at the real runs' training CPU a sample")
                && html.contains("href=\"" + CpuConditioning.FILE + "\""), html);
    }

    @Test
    void fewerThanThreePairsOrOneCpuRatioFitNothing() throws IOException {
        ResultFixture sim = new ResultFixture();
        ResultFixture real = new ResultFixture();
        pair(sim, real, "a", 0, 0, 0.1);
        pair(sim, real, "a", 1, -0.2, -0.2);
        Validation v = read(sim, real);
        assertFalse(v.cpu().isPresent());
        assertFalse(v.cpuSummary().isPresent());
        Path out = Files.createDirectory(tmp.resolve("out"));
        v.write(out, "hand-made", "sim", "real");
        assertFalse(Files.exists(out.resolve(CpuConditioning.FILE)));
        assertFalse(Files.readString(out.resolve("report.html")).contains(CpuConditioning.FILE));
        List<CpuConditioning.Pair> same = List.of(new CpuConditioning.Pair(new GroupKey(List.of(), "a"), 0.1, 0.2),
                new CpuConditioning.Pair(new GroupKey(List.of(), "a"), 0.1, 0.3),
                new CpuConditioning.Pair(new GroupKey(List.of(), "a"), 0.1, 0.1));
        assertFalse(CpuConditioning.of(same).isPresent());
    }

    @Test
    void aPairsCpuRatioWeighsTheDevicesByTheSamplesTheRealPlanGaveThem() {
        Map<String, Double> sim = Map.of("nano-1", 1.0, "fast", 2.0, "onlySim", 5.0);
        Map<String, Double> real = Map.of("nano-1", 2.0, "fast", 2.0, "onlyReal", 5.0);
        // nano-1: ln(1 / 2) at 100 samples, fast: ln 1 at 300
        assertEquals(Math.log(0.5) / 4,
                CpuConditioning.cpuLogRatio(sim, real, CpuConditioning.planSamples("nano-1:100;fast:300")), EPS);
        // no plan (or one that is not device:samples pairs): each device alike
        assertEquals(Math.log(0.5) / 2, CpuConditioning.cpuLogRatio(sim, real, Map.of()), EPS);
        assertEquals(Map.of(), CpuConditioning.planSamples("nano-1:x"));
        assertEquals(Map.of(), CpuConditioning.planSamples("nano-1"));
        assertTrue(Double.isNaN(CpuConditioning.cpuLogRatio(Map.of("a", 1.0), Map.of("b", 1.0), Map.of())));
    }
}
