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

    /**
     * A twin whose profile recorded the host-speed probe per device writes each run's host, all its devices' steps
     * pooled, as a testbed writes what it measured (host-speed.csv); the shipped twin's profile has none: no file.
     */
    @Test
    void aTwinOfProbedProfilesWritesTheHostItsProfilesWereMeasuredOn() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Path profiles = Files.createDirectories(configs.resolve("profiles"));
        // big 300 steps of 44 ms, mid 100 of 48, small 100 of 40: 500 steps, (13200 + 4800 + 4000) / 500 = 44 ms
        List<String> lines = Files.readAllLines(Path.of("configs/profiles/testbed-fidelity.yaml"));
        List<String> probed = new java.util.ArrayList<>();
        String[] blocks = {"{probes: 300, cpuMs: 44}", "{probes: 100, cpuMs: 48}", "{probes: 100, cpuMs: 40}"};
        int device = 0;
        for (String line : lines) {
            probed.add(line);
            if (line.startsWith("  lcHopMs:")) {
                probed.add("  hostProbe: " + blocks[device++]);
            }
        }
        assertEquals(3, device);
        Files.write(profiles.resolve("testbed-fidelity.yaml"), probed);
        Files.copy(Path.of("configs/testbed-twin.yaml"), configs.resolve("testbed-twin.yaml"));
        List<String> runs = simulate(configs.resolve("testbed-twin.yaml").toString(), "probed", "--replications", "2");
        List<String> hosts = Files.readAllLines(dir.resolve("probed/host-speed.csv"));
        assertEquals(runs.size(), hosts.size(), hosts.toString());
        assertTrue(hosts.get(0).startsWith("policy,replication,probes,probe_cpu_ms"), hosts.get(0));
        for (int i = 1; i < hosts.size(); i++) {
            String[] run = runs.get(i).split(",");
            String[] host = hosts.get(i).split(",");
            assertEquals(run[2] + "," + run[3], host[0] + "," + host[1]); // policy and replication, in runs.csv's order
            assertEquals(500, Integer.parseInt(host[2]), hosts.get(i));
            assertEquals(44.0, Double.parseDouble(host[3]), 1e-9, hosts.get(i));
        }
        simulate("configs/testbed-twin.yaml", "shipped", "--replications", "1");
        assertTrue(!Files.exists(dir.resolve("shipped/host-speed.csv")));
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
