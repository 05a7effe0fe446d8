package io.deepedge.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate's re-training times at one host speed: runs whose logs are chosen so that the within-cell slope, the
 * spreads and each row's means work out by hand.
 */
class HostSpeedConditioningTest {
    private static final double EPS = 1e-9;
    private static final double E = Math.E;

    @TempDir
    Path tmp;

    private static HostSpeedConditioning.Run real(String policy, double retrainSec, double probeCpuMs) {
        return new HostSpeedConditioning.Run(new GroupKey(List.of(), policy), false, retrainSec, probeCpuMs);
    }

    private static HostSpeedConditioning.Run sim(String policy, double retrainSec) {
        return new HostSpeedConditioning.Run(new GroupKey(List.of(), policy), true, retrainSec, Double.NaN);
    }

    /**
     * Cell a: ln probe 0 and 1, ln retrain ln 4 and ln 4 + 1.5 (deviations +-0.5 and +-0.75); cell b: ln probe 0 and
     * 2, ln retrain 0 and 2 (+-1, +-1). Sxx = 0.5 + 2 = 2.5, Sxy = 0.75 + 2 = 2.75, Syy = 1.125 + 2 = 3.125: slope
     * 1.1; spread as measured sqrt(3.125 / (4 - 2)) = 1.25, after the slope sqrt((3.125 - 1.1 x 2.75) / (4 - 2 - 1))
     * = sqrt(0.1). The reference: the median of ln probe {0, 0, 1, 2}, 0.5.
     */
    private static List<HostSpeedConditioning.Run> handMade() {
        return List.of(
                real("a", 4, 1), real("a", 4 * Math.exp(1.5), E),
                real("b", 1, 1), real("b", E * E, E * E),
                // a run the probe did not reach: in the plain mean, not in the fit nor the mean at the reference
                real("a", 100, Double.NaN),
                // an unfinished run: in neither
                real("a", Double.NaN, 2),
                sim("a", 5), sim("a", 7),
                sim("c", 3));
    }

    /** {@link #handMade}'s testbed runs fitted as its comment works out. */
    private static void assertTheHandMadeFit(HostSpeedConditioning h) {
        assertEquals(1.1, h.slope(), EPS);
        assertEquals(Math.exp(0.5), h.referenceCpuMs(), EPS);
        assertEquals(4, h.probedRuns());
        assertEquals(2, h.cells());
        assertEquals(1.25, h.spreadRaw(), EPS);
        assertEquals(Math.sqrt(0.1), h.spreadAtReference(), EPS);
    }

    @Test
    void theProbedRunsAreTakenToTheMedianProbeByTheWithinCellSlope() {
        HostSpeedConditioning h = HostSpeedConditioning.of(handMade()).orElseThrow();
        assertTheHandMadeFit(h);
        // only a has runs on both sides (b only real, c only simulated)
        assertEquals(1, h.rows().size());
        HostSpeedConditioning.Row a = h.rows().get(0);
        assertEquals("a", a.key().policy());
        assertEquals(2, a.simRuns());
        assertEquals(3, a.realRuns());
        assertEquals(6.0, a.simMean(), EPS);
        assertEquals(6.0, a.simMeanAtReference(), EPS, "the twin has no probe: its plain mean");
        assertEquals((4 + 4 * Math.exp(1.5) + 100) / 3, a.realMean(), EPS);
        // 4 x e^(-1.1 (0 - 0.5)) and 4 e^1.5 x e^(-1.1 (1 - 0.5))
        double atReference = (4 * Math.exp(0.55) + 4 * Math.exp(1.5 - 0.55)) / 2;
        assertEquals(atReference, a.realMeanAtReference(), EPS);
        assertEquals(6.0 / atReference - 1, a.relErrorAtReference(), EPS);
        assertEquals(6.0 / ((4 + 4 * Math.exp(1.5) + 100) / 3) - 1, a.relError(), EPS);
    }

    @Test
    void fewerThanThreeProbedRunsOrOneProbeFigureInEveryCellFitNothing() {
        assertTrue(HostSpeedConditioning.of(List.of(real("a", 4, 1), real("a", 5, 2), sim("a", 5))).isEmpty());
        assertTrue(HostSpeedConditioning.of(List.of(real("a", 4, 1), real("a", 5, 1), real("b", 6, 3), sim("a", 5)))
                .isEmpty(), "each cell's probes equal: no slope, whatever the cells' levels");
    }

    /**
     * A twin whose runs carry its profiles' host (ln probe 1 in every run): the fit, the reference and the spreads are
     * the testbed's alone, as without it, and the twin's runs are taken from that host to the reference like the
     * testbed's: 6 x e^(-1.1 (1 - 0.5)).
     */
    @Test
    void aTwinsRunsAreTakenFromTheirProfilesHostButMakeNeitherTheSlopeNorTheReference() {
        List<HostSpeedConditioning.Run> runs = new java.util.ArrayList<>(handMade().stream().filter(r -> !r.sim())
                .toList());
        runs.add(twin("a", 5, E));
        runs.add(twin("a", 7, E));
        runs.add(twin("c", 3, E));
        HostSpeedConditioning h = HostSpeedConditioning.of(runs).orElseThrow();
        assertTheHandMadeFit(h);
        assertEquals(E, h.twinHostCpuMs(), EPS);
        HostSpeedConditioning.Row a = h.rows().get(0);
        assertEquals(6.0, a.simMean(), EPS);
        assertEquals(6.0 * Math.exp(-0.55), a.simMeanAtReference(), EPS);
        double atReference = (4 * Math.exp(0.55) + 4 * Math.exp(1.5 - 0.55)) / 2;
        assertEquals(6.0 * Math.exp(-0.55) / atReference - 1, a.relErrorAtReference(), EPS);
        assertEquals(E, a.simProbeCpuMs(), EPS);
        assertEquals((1 + E) / 2, a.realProbeCpuMs(), EPS); // the runs without a figure left out
        // three twin runs alone fit nothing: their figure is not a measurement of the runs
        assertTrue(HostSpeedConditioning.of(List.of(twin("a", 5, 1), twin("a", 6, 2), twin("a", 7, 3), real("a", 4,
                Double.NaN))).isEmpty());
    }

    private static HostSpeedConditioning.Run twin(String policy, double retrainSec, double profileHostCpuMs) {
        return new HostSpeedConditioning.Run(new GroupKey(List.of(), policy), true, retrainSec, profileHostCpuMs, true);
    }

    @Test
    void validateWritesTheTableFromTheTestbedsHostSpeedFile() throws IOException {
        ResultFixture sim = new ResultFixture();
        ResultFixture real = new ResultFixture().asTestbed();
        sim.run("a", 0, 5.0, 0.1, 100).run("a", 1, 7.0, 0.1, 100);
        real.run("a", 0, 4.0, 0.1, 100).run("a", 1, 4 * Math.exp(1.5), 0.1, 100).run("a", 2, 100.0, 0.1, 100);
        real.run("b", 0, 1.0, 0.1, 100).run("b", 1, E * E, 0.1, 100);
        Path simDir = Files.createDirectory(tmp.resolve("sim"));
        Path realDir = Files.createDirectory(tmp.resolve("real"));
        sim.service("a", 0, "det", "fast", false, 100, 1, 20).writeTo(simDir);
        real.service("a", 0, "det", "fast", false, 100, 1, 20).writeTo(realDir);
        Files.writeString(realDir.resolve("host-speed.csv"), "policy,replication,probes,probe_cpu_ms\n"
                + "a,0,5,1\na,1,6," + E + "\na,2,0,\nb,0,4,1\nb,1,5," + E * E + "\n", StandardCharsets.UTF_8);
        Validation v = Validation.read(simDir, realDir);
        HostSpeedConditioning h = v.host().orElseThrow();
        assertEquals(1.1, h.slope(), EPS);
        double atReference = (4 * Math.exp(0.55) + 4 * Math.exp(1.5 - 0.55)) / 2;
        assertEquals(atReference, h.rows().get(0).realMeanAtReference(), EPS);
        // the plain error is validation.csv's own
        double plain = v.rows().stream().filter(r -> r.metric() == ValidationMetric.RETRAIN_TIME_SEC && r.policy().equals("a"))
                .findFirst().orElseThrow().relError();
        assertEquals(plain, h.rows().get(0).relError(), EPS);
        assertTrue(v.hostSummary().orElseThrow().startsWith("retrain_time_sec at the testbed's median host speed (probe"
                + " 1.6 ms; slope 1.10 within 2 cells over 4 probed runs, their spread 125.0% -> 31.6%)"),
                v.hostSummary().get());
        Path out = Files.createDirectory(tmp.resolve("out"));
        v.write(out, "t", "sim", "real");
        List<String> lines = Files.readAllLines(out.resolve(HostSpeedConditioning.FILE), StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), "a header and one row: " + lines);
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",");
        assertEquals("a", row[header.indexOf("policy")]);
        assertEquals(6.0 / atReference - 1, Double.parseDouble(row[header.indexOf("rel_error_at_reference")]), EPS);
        assertTrue(Files.readString(out.resolve("report.html")).contains("The re-training times at one host speed"));
        // the twin's own host-speed.csv (simulate's, from its profiles: ln probe 1): the fit as before, the twin moved
        Files.writeString(simDir.resolve("host-speed.csv"), "policy,replication,probes,probe_cpu_ms\n"
                + "a,0,900," + E + "\na,1,900," + E + "\n", StandardCharsets.UTF_8);
        HostSpeedConditioning twin = Validation.read(simDir, realDir).host().orElseThrow();
        assertEquals(1.1, twin.slope(), EPS);
        assertEquals(4, twin.probedRuns());
        assertEquals(6.0 * Math.exp(-0.55), twin.rows().get(0).simMeanAtReference(), EPS);
        assertTrue(Validation.read(simDir, realDir).hostSummary().orElseThrow().contains("the twin from the host it"
                + " simulated, probe 2.7 ms"));
    }

    @Test
    void withoutAHostSpeedFileThereIsNoTableAndAMalformedOneIsRefused() throws IOException {
        ResultFixture sim = new ResultFixture();
        ResultFixture real = new ResultFixture().asTestbed();
        sim.run("a", 0, 5.0, 0.1, 100);
        real.run("a", 0, 4.0, 0.1, 100);
        Path simDir = Files.createDirectory(tmp.resolve("sim"));
        Path realDir = Files.createDirectory(tmp.resolve("real"));
        sim.service("a", 0, "det", "fast", false, 100, 1, 20).writeTo(simDir);
        real.service("a", 0, "det", "fast", false, 100, 1, 20).writeTo(realDir);
        Validation v = Validation.read(simDir, realDir);
        assertFalse(v.host().isPresent());
        assertTrue(v.hostSummary().isEmpty());
        Files.writeString(realDir.resolve("host-speed.csv"), "policy,replication,probes,probe_cpu_ms\na,0,5,fast\n",
                StandardCharsets.UTF_8);
        ResultFileException e = assertThrows(ResultFileException.class, () -> Validation.read(simDir, realDir));
        assertTrue(e.getMessage().contains("host-speed.csv") && e.getMessage().contains("probe_cpu_ms"),
                e.getMessage());
    }
}
