package io.deepedge.experiments.cli;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.experiments.run.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} end to end on hand-made result directories (manifest.json, runs.csv, services.csv written
 * here): the numbers it writes, and its refusal (exit 2, both directories and the field named, nothing
 * written) of directories that are not one experiment's simulated and real runs, and of an unsafe --out.
 */
class ValidateCommandTest {
    private static final String RUNS_HEADER = "experiment,mode,policy,replication,seed,finished,retrain_time_sec,"
            + "plan_time_ms,devices_used,plan,lc_requests,lc_misses,lc_miss_rate,lc_p50_ms,lc_p95_ms,lc_p99_ms,failures,"
            + "work_lost_sec\n";
    private static final String SERVICES_HEADER = "policy,replication,service,device,colocated,requests,misses,"
            + "mean_ms,p50_ms,p95_ms,p99_ms\n";
    private static final String CONFIG_TEXT = "name: hand\nseed: 5\nservices:\n  - name: det\n";

    @TempDir
    Path tmp;

    /** The manifest fields a simulate or testbed run records, for experiment "hand". */
    private static Map<String, Object> manifest(String mode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", "hand");
        m.put("mode", mode);
        m.put("configText", CONFIG_TEXT);
        m.put("seed", 5);
        m.put("replications", 2);
        m.put("policies", List.of("p", "q"));
        m.put("sweepPaths", List.of());
        m.put("shard", "1/1");
        m.put("resolved", List.of(Map.of("values", Map.of(), "scenario", Map.of(
                "horizonSec", 100.0,
                "devices", List.of(Map.of("name", "n1", "type", "jetson-nano")),
                "services", List.of(Map.of("service", "det", "device", "n1")),
                "metrics", Map.of("fromSec", 0.0, "toSec", 100.0)))));
        return m;
    }

    /** A result directory: retrain times of policy p's runs and (for q) one run of 50 s; det@n1 p99 = 2 x p50. */
    private Path dir(String name, Map<String, Object> fields, double... pRetrainSec) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Manifest manifest = new Manifest();
        fields.forEach(manifest::put);
        manifest.write(dir.resolve("manifest.json"));
        String mode = String.valueOf(fields.get("mode"));
        StringBuilder runs = new StringBuilder(RUNS_HEADER);
        StringBuilder services = new StringBuilder(SERVICES_HEADER);
        for (int r = 0; r < pRetrainSec.length; r++) {
            runs.append(String.join(",", "hand", mode, "p", "" + r, "5", "true", "" + pRetrainSec[r], "1", "1",
                    "n1:10", "10", "1", "0.1", "20", "30", "40", "0", "0")).append('\n');
            services.append(String.join(",", "p", "" + r, "det", "n1", "true", "10", "1", "20", "20", "30", "40"))
                    .append('\n');
        }
        runs.append(String.join(",", "hand", mode, "q", "0", "5", "true", "50", "1", "1", "n1:10", "10", "0", "0",
                "20", "30", "40", "0", "0")).append('\n');
        services.append("q,0,det,n1,true,10,0,20,20,30,40\n");
        Files.writeString(dir.resolve("runs.csv"), runs, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("services.csv"), services, StandardCharsets.UTF_8);
        return dir;
    }

    private CliTest.Outcome refused(Path out, String... args) {
        CliTest.Outcome o = cli(args);
        assertEquals(2, o.code(), o.out() + o.err());
        assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        assertFalse(Files.exists(out), "nothing is written: " + out);
        return o;
    }

    private static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
        }
    }

    @Test
    void writesTheRelativeErrorsAndAResultDirectoryItMayReplace() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100, 110);
        Path real = dir("real", manifest("testbed"), 100);
        Path out = tmp.resolve("val");
        CliTest.Outcome o = cli("validate", sim.toString(), real.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        // p: sim mean 105 over 2 runs, real 100 over 1: rel_error 0.05; q: 50 against 50
        List<String> csv = Files.readAllLines(out.resolve("validation.csv"));
        assertTrue(csv.get(0).startsWith("policy,metric,sim_mean,real_mean,rel_error,sim_ci95,real_ci95,sim_runs,real_runs"));
        String[] p = csv.stream().filter(l -> l.startsWith("p,retrain_time_sec,")).findFirst().orElseThrow()
                .split(",", -1);
        assertEquals(List.of("105", "100", "0.05"), List.of(p).subList(2, 5));
        // sim: s = sqrt(50), n = 2: t(0.975, 1) sqrt(50) / sqrt(2) = tan(0.475 pi) 5; real: one run, no CI
        assertEquals(Math.tan(0.475 * Math.PI) * 5, Double.parseDouble(p[5]), 1e-9);
        assertEquals(List.of("", "2", "1", "5", "", ""), List.of(p).subList(6, 12));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("q,retrain_time_sec,50,50,0,")), csv.toString());
        assertMentions(o.out(), "retrain_time_sec 2.5%/5.0%", "validation: ");
        assertTrue(Files.size(out.resolve("plots/validation_time.png")) > 0);
        assertTrue(Files.size(out.resolve("plots/validation_time.svg")) > 0);
        assertEquals("validation", Manifest.read(out.resolve("manifest.json")).get("mode"));
        // its own output is a result directory of this tool: running again replaces it
        assertEquals(0, cli("validate", sim.toString(), real.toString(), "--out", out.toString()).code());
        // and report says what it is rather than failing on the missing runs.csv
        CliTest.Outcome report = cli("report", out.toString());
        assertEquals(2, report.code());
        assertMentions(report.err(), "a validation directory");
    }

    @Test
    void plansTheRunsToResolveAGivenErrorAndRefusesANonPositiveOne() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100, 110);
        Path real = dir("real", manifest("testbed"), 100);
        // p's twin runs 100, 110: sd / mean = sqrt(50) / 105 = 0.06734; +/-20 %: n = 3 gives t(2) = 4.302653 x 0.06734
        // x sqrt(2/3) = 0.237 > 0.2, n = 4 gives t(3) = 3.182446 x 0.06734 x sqrt(1/2) = 0.152; the real side has one
        // run, no spread to plan from
        CliTest.Outcome o = cli("validate", sim.toString(), real.toString(), "--resolve", "20", "--out",
                tmp.resolve("val").toString());
        assertEquals(0, o.code(), o.err());
        assertMentions(o.out(), "; runs a cell to resolve +/-20.0% at 95% (sim/real, at the median spread): "
                + "retrain_time_sec 4/n/a");
        assertMentions(Files.readString(tmp.resolve("val/report.html")), "runs a cell to resolve +/-20.0% (sim/real)");
        Path out = tmp.resolve("refused");
        CliTest.Outcome zero = refused(out, "validate", sim.toString(), tmp.resolve("nowhere").toString(), "--resolve",
                "0", "--out", out.toString());
        assertMentions(zero.err(), "--resolve must be a per cent above 0 and below 1000, got 0.0", "nowhere");
        assertMentions(refused(out, "validate", sim.toString(), real.toString(), "--resolve", "1000", "--out",
                out.toString()).err(), "--resolve", "got 1000.0");
    }

    @Test
    void withBothSidesTimelinesWhereTheTimesPartIsWritten() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100, 110);
        Path real = dir("real", manifest("testbed"), 100);
        String header = "policy,replication,device,state,from_sec,to_sec\n";
        // n1 computes 0-4 s simulated and 0-5 s for real, then synchronises 4-4.5 and 5-5.25
        Files.writeString(sim.resolve("timeline.csv"), header + "p,0,n1,compute,0,4\np,0,n1,sync,4,4.5\n");
        Files.writeString(real.resolve("timeline.csv"), header + "p,0,n1,compute,0,5\np,0,n1,sync,5,5.25\n");
        Path out = tmp.resolve("val");
        assertEquals(0, cli("validate", sim.toString(), real.toString(), "--out", out.toString()).code());
        assertEquals(List.of("policy,device,state,sim_sec,real_sec,diff_sec,rel_diff,replications,largest_in_cell",
                        "p,n1,compute,4,5,-1,-0.2,1,false", "p,n1,sync,0.5,0.25,0.25,1,1,false",
                        "p,n1,compute+sync,4.5,5.25,-0.75," + (-0.75 / 5.25) + ",1,true"),
                Files.readAllLines(out.resolve("validation-timeline.csv")));
        assertMentions(Files.readString(out.resolve("report.html")), "Where the re-training times part");
    }

    @Test
    void aDifferentSeedIsComparedWithAWarning() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100);
        Map<String, Object> reseeded = manifest("testbed");
        reseeded.put("seed", 6);
        Path real = dir("real", reseeded, 100);
        CliTest.Outcome o = cli("validate", sim.toString(), real.toString(), "--out", tmp.resolve("val").toString());
        assertEquals(0, o.code(), o.err());
        assertMentions(o.err(), "validate: warning: seed: differs (5 in " + sim + ", 6 in " + real + ")");
    }

    @Test
    void aTwinVariantWithSimulatorOnlySettingsIsComparedWithAWarning() throws IOException {
        // the simulated side models the service's cold requests; the testbed does not read the block
        Map<String, Object> variant = manifest("sim");
        variant.put("configText", CONFIG_TEXT + "    coldStart: { extraMs: 1.0, recoveryMs: 3 }\n");
        Path sim = dir("sim", variant, 100);
        Path real = dir("real", manifest("testbed"), 100);
        CliTest.Outcome o = cli("validate", sim.toString(), real.toString(), "--out", tmp.resolve("val").toString());
        assertEquals(0, o.code(), o.err());
        assertMentions(o.err(), "validate: warning: configText: differs only in settings the testbed does not read "
                + "(services[0].coldStart in SIM_DIR): compared as one experiment");
        // anything else beside it is still a different experiment
        Map<String, Object> other = manifest("sim");
        other.put("configText", CONFIG_TEXT.replace("seed: 5", "seed: 6") + "    coldStart: { extraMs: 1.0 }\n");
        Path sim2 = dir("sim2", other, 100);
        Path out = tmp.resolve("val2");
        CliTest.Outcome refused = refused(out, "validate", sim2.toString(), real.toString(), "--out", out.toString());
        assertMentions(refused.err(), "REAL_DIR " + real + ": manifest.json: configText: differs from SIM_DIR " + sim2
                + " at config line 2 (seed: 5");
    }

    @Test
    void directoriesOfDifferentExperimentsAreRefusedWithEveryDifference() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100);
        Map<String, Object> other = manifest("testbed");
        other.put("experiment", "other");
        other.put("configText", CONFIG_TEXT.replace("seed: 5", "seed: 6"));
        other.put("policies", List.of("p", "r"));
        Path real = dir("real", other, 100);
        Path out = tmp.resolve("val");
        CliTest.Outcome o = refused(out, "validate", sim.toString(), real.toString(), "--out", out.toString());
        String at = "REAL_DIR " + real + ": manifest.json: ";
        assertMentions(o.err(), at + "experiment: differs from SIM_DIR " + sim + " (other), expected hand",
                at + "configText: differs from SIM_DIR " + sim + " at config line 2 (seed: 6",
                at + "policies: differs from SIM_DIR " + sim + " ([p, r]), expected [p, q]");
        assertEquals(3, o.err().lines().count(), o.err());
    }

    @Test
    void theSameModeOnBothSidesOrSwappedSidesAreRefused() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100);
        Path sim2 = dir("sim2", manifest("sim"), 100);
        Path real = dir("real", manifest("testbed"), 100);
        Path out = tmp.resolve("val");
        assertMentions(refused(out, "validate", sim.toString(), sim2.toString(), "--out", out.toString()).err(),
                "SIM_DIR " + sim + " and REAL_DIR " + sim2 + ": manifest.json: mode: the same on both sides (sim)");
        assertMentions(refused(out, "validate", real.toString(), sim.toString(), "--out", out.toString()).err(),
                "mode: given in the wrong order (testbed, sim), expected the simulated directory first");
    }

    @Test
    void twoTestbedRunsAreComparedForRepeatabilityOnlyWhenAsked() throws IOException {
        Path first = dir("first", manifest("testbed"), 90, 120);
        Path second = dir("second", manifest("testbed"), 100, 100, 130);
        Path out = tmp.resolve("rep");
        CliTest.Outcome o = cli("validate", first.toString(), second.toString(), "--repeatability", "--out",
                out.toString());
        assertEquals(0, o.code(), o.err());
        // p: the first run's mean 105 against the second's 110: (105 - 110) / 110; q: 50 against 50
        String[] p = Files.readAllLines(out.resolve("validation.csv")).stream()
                .filter(l -> l.startsWith("p,retrain_time_sec,")).findFirst().orElseThrow().split(",", -1);
        assertEquals(105, Double.parseDouble(p[2]), 1e-12);
        assertEquals(110, Double.parseDouble(p[3]), 1e-12);
        assertEquals(-5.0 / 110, Double.parseDouble(p[4]), 1e-12);
        assertMentions(o.out(), "repeatability (two testbed runs): validation |rel error| median/max: "
                + "retrain_time_sec 2.3%/4.5%");
        Map<String, Object> m = Manifest.read(out.resolve("manifest.json"));
        assertEquals(true, m.get("repeatability"));
        assertMentions(Files.readString(out.resolve("report.html")),
                "<h1>Deep-Edge validation: hand (repeatability: two testbed runs, SIM_DIR&#39;s in the simulated columns)");
        // without the option two testbed runs are still refused; with it a simulated side is
        Path out2 = tmp.resolve("rep2");
        assertMentions(refused(out2, "validate", first.toString(), second.toString(), "--out", out2.toString()).err(),
                "mode: the same on both sides (testbed)");
        Path sim = dir("sim", manifest("sim"), 100);
        assertMentions(refused(out2, "validate", sim.toString(), second.toString(), "--repeatability", "--out",
                out2.toString()).err(), "SIM_DIR " + sim + ": manifest.json: mode: not a real run (sim), expected "
                + "testbed: --repeatability compares two directories written by testbed");
    }

    @Test
    void foldersThatAreNotCompleteResultDirectoriesAreRefusedAllAtOnce() throws IOException {
        Path plain = Files.createDirectory(tmp.resolve("plain"));
        Files.writeString(plain.resolve("runs.csv"), RUNS_HEADER);
        Map<String, Object> shard = manifest("testbed");
        shard.put("shard", "2/3");
        Path real = dir("real", shard, 100);
        Files.delete(real.resolve("services.csv"));
        Path out = tmp.resolve("val");
        CliTest.Outcome o = refused(out, "validate", plain.toString(), real.toString(), "--out", out.toString());
        assertMentions(o.err(), "SIM_DIR " + plain + ": manifest.json: not a result directory of this tool",
                "REAL_DIR " + real + ": services.csv: missing",
                "REAL_DIR " + real + ": manifest.json: shard: one slice of a sharded run (2/3)");
        assertMentions(refused(out, "validate", tmp.resolve("none").toString(), real.toString(), "--out",
                out.toString()).err(), "SIM_DIR " + tmp.resolve("none") + ": no such folder");
    }

    @Test
    void anOutThatIsNotTheToolsOrIsAnInputIsRefusedAndLeftAlone() throws IOException {
        Path sim = dir("sim", manifest("sim"), 100);
        Path real = dir("real", manifest("testbed"), 100);
        Path mine = Files.createDirectory(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        CliTest.Outcome o = cli("validate", sim.toString(), real.toString(), "--out", mine.toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "--out: an existing folder that is not a result directory");
        assertEquals("keep", Files.readString(mine.resolve("notes.txt")));
        // SIM_DIR is a result directory of this tool, but an input: never replaced
        o = cli("validate", sim.toString(), real.toString(), "--out", sim.toString());
        assertEquals(2, o.code(), o.err());
        assertMentions(o.err(), "--out: the SIM_DIR result directory itself");
        assertTrue(Files.exists(sim.resolve("runs.csv")));
    }
}
