package io.deepedge.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The digital twin: a testbed config (a runner architecture as {@code training.model} with {@code parameterBytes},
 * {@code testbed:} blocks) is simulated as it is, so {@code simulate} and {@code testbed} of one file compare.
 */
class TwinSimulateTest {
    @TempDir
    Path dir;

    @Test
    void theShippedTestbedConfigSimulatesAsItIs() throws Exception {
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"simulate", "configs/testbed-local.yaml", "--out", out.toString(),
                "--threads", "1"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(1 + 2 * 2, runs.size()); // header, 2 policies x 2 replications as the config says
        assertTrue(runs.stream().skip(1).allMatch(r -> r.startsWith("testbed-local,sim,")), runs.toString());
    }

    @Test
    void theShippedOneDeviceTaggerConfigSimulatesAsItIs() throws Exception {
        Path out = dir.resolve("tagger");
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"simulate", "configs/testbed-tagger-alone.yaml", "--out", out.toString(),
                "--replications", "2", "--threads", "1"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
        assertEquals(1 + 2, runs.size(), runs.toString());
        // every sample on small, the one device, and the job finished inside the horizon
        assertTrue(runs.stream().skip(1).allMatch(r -> r.startsWith("testbed-tagger-alone,sim,throughput-proportional,")
                && r.contains(",true,") && r.contains("small:1280")), runs.toString());
    }
}
