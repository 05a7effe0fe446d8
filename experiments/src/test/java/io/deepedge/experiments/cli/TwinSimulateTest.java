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

    /** {@code simulate CONFIG --out DIR/NAME --threads 1 EXTRA...}: its runs.csv lines, after the exit code 0. */
    private List<String> simulate(String config, String name, String... extra) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("simulate", config, "--out", out.toString(),
                "--threads", "1"));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return Files.readAllLines(out.resolve("runs.csv"));
    }

    @Test
    void theShippedTestbedConfigSimulatesAsItIs() throws Exception {
        List<String> runs = simulate("configs/testbed-local.yaml", "out");
        assertEquals(1 + 2 * 2, runs.size()); // header, 2 policies x 2 replications as the config says
        assertTrue(runs.stream().skip(1).allMatch(r -> r.startsWith("testbed-local,sim,")), runs.toString());
    }

    @Test
    void theShippedOneDeviceTaggerConfigSimulatesAsItIs() throws Exception {
        List<String> runs = simulate("configs/testbed-tagger-alone.yaml", "tagger", "--replications", "2");
        assertEquals(1 + 2, runs.size(), runs.toString());
        // every sample on small, the one device, and the job finished inside the horizon
        assertTrue(runs.stream().skip(1).allMatch(r -> r.startsWith("testbed-tagger-alone,sim,throughput-proportional,")
                && r.contains(",true,") && r.contains("small:1280")), runs.toString());
    }
}
