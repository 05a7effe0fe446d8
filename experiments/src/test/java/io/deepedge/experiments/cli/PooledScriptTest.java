package io.deepedge.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code experiments/fidelity/pooled.py} on hand-made result directories: the twin's means and medians against those
 * of two testbed passes' runs together, every expected figure worked out by hand below; directories of another config
 * and files without the columns refused with exit 2.
 */
class PooledScriptTest {
    private static final String SWEEP = "services.a.arrivals.poisson.ratePerSec";
    private static final String RUNS = "experiment,policy,replication,retrain_time_sec,lc_p99_ms," + SWEEP + "\n";

    @TempDir
    Path dir;

    private Path resultDir(String name, String configText, String runs) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("manifest.json"), "{\"configText\": \"" + configText + "\", \"sweepPaths\": [\""
                + SWEEP + "\"]}");
        Files.writeString(d.resolve("runs.csv"), RUNS + runs);
        return d;
    }

    private static FidelityScript run(String... args) throws IOException, InterruptedException {
        return FidelityScript.run("pooled.py", args);
    }

    @Test
    void theTwinIsComparedWithEveryPassesRunsTogether() throws Exception {
        // the twin at 10 req/s: re-training 4 and 6 s and a run not finished (no time): mean and median 5; p99 100,
        // 300 and 200 ms: mean and median 200. At 20: 10 s and 66 ms. A policy the testbed did not run (de) is named
        // as left out; fs's testbed run has neither figure: n/a rows, no error counted.
        Path sim = resultDir("sim", "cfg", "x,tp,0,4,100,10\nx,tp,1,6,300,10\nx,tp,2,,200,10\n"
                + "x,tp,0,10,66,20\nx,de,0,1,1,10\nx,fs,0,3,30,10\n");
        // the passes at 10 req/s: 5 and 3 s together, mean and median 4 (the twin +25.0 %); 150 and 250 ms, mean 200
        // (+0.0 %). At 20: 8 and 12 s, mean 10 (+0.0 %); 40 and 60 ms, mean 50 (the twin +32.0 %)
        // (and a policy only the first pass ran, eq: named as left out)
        Path first = resultDir("real", "cfg", "x,tp,0,5,150,10\nx,tp,0,8,40,20\nx,fs,0,,,10\nx,eq,0,2,2,10\n");
        Path second = resultDir("real-repeat", "cfg", "x,tp,0,3,250,10\nx,tp,0,12,60,20\n");
        FidelityScript r = run("--apart", "20.0", sim.toString(), first.toString(), second.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = r.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| ---")).toList();
        assertEquals(List.of(
                "| grid point | policy | metric | sim runs | real runs | sim mean | real mean | rel error | sim median"
                        + " | real median | rel error (medians) |",
                "| 10 | tp | retrain_time_sec | 2 | 2 | 5 | 4 | +25.0 % | 5 | 4 | +25.0 % |",
                "| 10 | tp | lc_p99_ms | 3 | 2 | 200 | 200 | +0.0 % | 200 | 200 | +0.0 % |",
                "| 20 | tp | retrain_time_sec | 1 | 2 | 10 | 10 | +0.0 % | 10 | 10 | +0.0 % |",
                "| 20 | tp | lc_p99_ms | 1 | 2 | 66 | 50 | +32.0 % | 66 | 50 | +32.0 % |",
                "| 10 | fs | retrain_time_sec | 1 | 0 | n/a | n/a | n/a | n/a | n/a | n/a |",
                "| 10 | fs | lc_p99_ms | 1 | 0 | n/a | n/a | n/a | n/a | n/a | n/a |"), rows);
        assertTrue(r.out().endsWith("- left out, on one side only: 10 de (twin only), 10 eq (testbed only)\n"),
                r.out());
        // each metric over both rows (median of 25 and 0: 12.5), then without the grid point set apart (20.0 is the
        // cell 20) and at it
        assertTrue(r.out().contains("- retrain_time_sec |rel error| median / max: 12.5 % / 25.0 %; without grid point"
                + " 20.0 25.0 % / 25.0 %, at it 0.0 % / 0.0 %\n"), r.out());
        assertTrue(r.out().contains("- lc_p99_ms |rel error| median / max: 16.0 % / 32.0 %; without grid point 20.0"
                + " 0.0 % / 0.0 %, at it 32.0 % / 32.0 %\n"), r.out());

        // one pass alone: p99 200 against 150 (+33.3 %) and 66 against 40 (+65.0 %), median 49.2 %
        FidelityScript onePass = run(sim.toString(), first.toString());
        assertEquals(0, onePass.exit(), onePass.err());
        assertTrue(onePass.out().contains("| 10 | tp | retrain_time_sec | 2 | 1 | 5 | 5 | +0.0 % |"), onePass.out());
        assertTrue(onePass.out().contains("- lc_p99_ms |rel error| median / max: 49.2 % / 65.0 %\n"), onePass.out());
    }

    @Test
    void anotherConfigAMissingDirectoryAndMissingColumnsExitTwoNamingThem() throws Exception {
        Path sim = resultDir("sim", "cfg", "x,tp,0,4,100,10\n");
        Path other = resultDir("other", "another cfg", "x,tp,0,4,100,10\n");
        FidelityScript differs = run(sim.toString(), other.toString());
        assertEquals(2, differs.exit());
        assertTrue(differs.err().contains(other + ": manifest.json: configText differs"), differs.err());

        FidelityScript missing = run(sim.toString(), dir.resolve("nowhere").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nowhere"), missing.err());
        assertFalse(missing.err().contains("Traceback"), missing.err());

        Path noColumn = resultDir("bare", "cfg", "");
        Files.writeString(noColumn.resolve("runs.csv"), "policy,replication\ntp,0\n");
        FidelityScript columns = run(sim.toString(), noColumn.toString());
        assertEquals(2, columns.exit());
        assertTrue(columns.err().contains("no column retrain_time_sec, lc_p99_ms, " + SWEEP), columns.err());
        assertEquals(2, run(sim.toString()).exit());
        assertEquals(2, run("--apart").exit());
    }
}
