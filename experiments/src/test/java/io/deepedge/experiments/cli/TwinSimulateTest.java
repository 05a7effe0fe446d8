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
    /**
     * The shipped twin in {@code DIR/configs/}, its profile's devices given the host-speed probe's figures: big 300
     * steps of 44 ms, mid 100 of 48, small 100 of 40; 500 steps, (13200 + 4800 + 4000) / 500 = 44 ms pooled.
     */
    private Path probedTwin() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Path profiles = Files.createDirectories(configs.resolve("profiles"));
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
        return Files.copy(Path.of("configs/testbed-twin.yaml"), configs.resolve("testbed-twin.yaml"));
    }

    @Test
    void aTwinOfProbedProfilesWritesTheHostItsProfilesWereMeasuredOn() throws Exception {
        List<String> runs = simulate(probedTwin().toString(), "probed", "--replications", "2");
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

    /**
     * {@code --host-speed}: replication 0 of every policy replayed on a testbed host of 44 ms, the profiles' own (a
     * speed of 1, the twin's undrawn host: the same runs as without the option), replication 1 on one of 88 ms (half
     * the profiles' work per CPU second: every device's training CPU a sample doubles, and the job takes longer); each
     * run's host-speed.csv row is its testbed run's.
     */
    @Test
    void eachRunIsSimulatedOnTheHostItsTestbedRunMet() throws Exception {
        String twin = probedTwin().toString();
        List<String> plain = simulate(twin, "plain", "--replications", "2", "--no-timing");
        Path hosts = testbedHosts();
        List<String> replayed = simulate(twin, "replayed", "--replications", "2", "--no-timing", "--host-speed",
                hosts.toString());
        List<String> header = List.of(plain.get(0).split(","));
        int retrain = header.indexOf("retrain_time_sec");
        int cpu = header.indexOf("train_cpu_ms_per_sample");
        int replication = header.indexOf("replication");
        assertEquals(plain.size(), replayed.size());
        assertEquals(5, plain.size(), plain.toString()); // two policies, two replications
        for (int i = 1; i < plain.size(); i++) {
            String[] a = plain.get(i).split(",", -1);
            String[] b = replayed.get(i).split(",", -1);
            if (a[replication].equals("0")) {
                assertEquals(plain.get(i), replayed.get(i), "on the profiles' own host");
                continue;
            }
            assertTrue(Double.parseDouble(b[retrain]) > Double.parseDouble(a[retrain]), a[retrain] + " " + b[retrain]);
            java.util.Map<String, String> slow = cells(b[cpu]);
            java.util.Map<String, String> asProfiled = cells(a[cpu]);
            assertEquals(asProfiled.keySet(), slow.keySet());
            // runs.csv writes these cells to 4 decimals: twice a rounded figure lies within 1.5e-4 of the rounded double
            asProfiled.forEach((device, ms) -> assertEquals(2 * Double.parseDouble(ms),
                    Double.parseDouble(slow.get(device)), 1.5e-4, device));
        }
        assertEquals(List.of("policy,replication,probes,probe_cpu_ms", "deep-edge,0,12,44", "deep-edge,1,15,88",
                "throughput-proportional,0,12,44", "throughput-proportional,1,9,88"),
                Files.readAllLines(dir.resolve("replayed/host-speed.csv")));
        assertTrue(Files.readString(dir.resolve("replayed/manifest.json")).contains("\"hostSpeedFrom\""));
    }

    /** A host-steps.csv of both policies' two replications: each run's steps on CPUs 0 and 1, one a second. */
    private Path hostSteps(String name, java.util.function.BiFunction<Integer, Integer, Double> msAt)
            throws Exception {
        StringBuilder text = new StringBuilder("policy,replication,t_sec,cpu,probe_cpu_ms\n");
        for (String policy : List.of("deep-edge", "throughput-proportional")) {
            for (int replication = 0; replication < 2; replication++) {
                for (int second = 0; second < 60; second++) {
                    for (int cpu = 0; cpu < 2; cpu++) {
                        text.append(policy).append(',').append(replication).append(',').append(second + 0.3 * cpu)
                                .append(',').append(cpu).append(',').append(msAt.apply(replication, cpu)).append('\n');
                    }
                }
            }
        }
        return Files.writeString(dir.resolve(name), text);
    }

    /**
     * {@code --host-trace}: a testbed run whose steps all took the profiles' 44 ms on both CPUs replays as the twin
     * without the option (replication 0), and one whose steps all took 88 ms as the same run on a constant host of 88
     * ms ({@code --host-speed}, replication 1): a constant series is a constant host. Each run's host-speed.csv row is
     * the mean of its steps.
     */
    @Test
    void aConstantSeriesOfStepsReplaysAsTheConstantHost() throws Exception {
        String twin = probedTwin().toString();
        List<String> plain = simulate(twin, "plain", "--replications", "2", "--no-timing");
        Path hosts = testbedHosts();
        List<String> constant = simulate(twin, "constant", "--replications", "2", "--no-timing", "--host-speed",
                hosts.toString());
        List<String> traced = simulate(twin, "traced", "--replications", "2", "--no-timing", "--host-trace",
                hostSteps("steps.csv", (replication, cpu) -> replication == 0 ? 44.0 : 88.0).toString());
        assertEquals(5, traced.size(), traced.toString());
        assertEquals(constant, traced);
        assertEquals(plain.get(1), traced.get(1));
        assertEquals(List.of("policy,replication,probes,probe_cpu_ms", "deep-edge,0,120,44", "deep-edge,1,120,88",
                "throughput-proportional,0,120,44", "throughput-proportional,1,120,88"),
                Files.readAllLines(dir.resolve("traced/host-speed.csv")));
        assertTrue(Files.readString(dir.resolve("traced/manifest.json")).contains("\"hostTraceFrom\""));
    }

    /**
     * A slow stretch moves the run: replication 1's CPU 0 at 88 ms and CPU 1 at 44 (the host at 0.75 of the profiles'
     * speed throughout) takes longer than on the profiles' host and less long than on a host of 88 ms on both CPUs.
     */
    @Test
    void aRunOnAHalfSlowHostLiesBetweenTheTwoHosts() throws Exception {
        String twin = probedTwin().toString();
        List<String> fast = simulate(twin, "fast", "--replications", "2", "--no-timing", "--host-trace",
                hostSteps("fast.csv", (replication, cpu) -> 44.0).toString());
        List<String> half = simulate(twin, "half", "--replications", "2", "--no-timing", "--host-trace",
                hostSteps("half.csv", (replication, cpu) -> cpu == 0 ? 88.0 : 44.0).toString());
        List<String> slow = simulate(twin, "slow", "--replications", "2", "--no-timing", "--host-trace",
                hostSteps("slow.csv", (replication, cpu) -> 88.0).toString());
        int retrain = List.of(fast.get(0).split(",")).indexOf("retrain_time_sec");
        for (int i = 1; i < fast.size(); i++) {
            double f = Double.parseDouble(fast.get(i).split(",", -1)[retrain]);
            double h = Double.parseDouble(half.get(i).split(",", -1)[retrain]);
            double s = Double.parseDouble(slow.get(i).split(",", -1)[retrain]);
            assertTrue(f < h && h < s, f + " " + h + " " + s);
        }
    }

    @Test
    void stepsThatCannotReplayEveryRunAreRefusedBeforeAnyRun() throws Exception {
        String twin = probedTwin().toString();
        // deep-edge's replication 0 alone has steps; one of them names no CPU, another took no time
        Path steps = Files.writeString(dir.resolve("steps.csv"), "policy,replication,t_sec,cpu,probe_cpu_ms\n"
                + "deep-edge,0,0.5,0,44\ndeep-edge,0,1.5,-2,44\ndeep-edge,0,2.5,1,0\n");
        String[] bad = refused("simulate", twin, "--replications", "2", "--host-trace", steps.toString(), "--out",
                dir.resolve("b").toString());
        assertTrue(bad[1].contains("steps.csv:3: cpu: not a CPU (-2)"), bad[1]);
        assertTrue(bad[1].contains("steps.csv:4: probe_cpu_ms: not a positive time (0)"), bad[1]);
        Path few = Files.writeString(dir.resolve("few.csv"), "policy,replication,t_sec,cpu,probe_cpu_ms\n"
                + "deep-edge,0,0.5,0,44\n");
        String[] missing = refused("simulate", twin, "--replications", "2", "--host-trace", few.toString(), "--out",
                dir.resolve("m").toString());
        assertTrue(missing[1].contains("--host-trace: 3 run(s) without probe steps in the file"), missing[1]);
        String[] both = refused("simulate", twin, "--replications", "2", "--host-trace", few.toString(),
                "--host-speed", few.toString(), "--out", dir.resolve("t").toString());
        assertTrue(both[1].contains("--host-trace: given with --host-speed"), both[1]);
        String[] noFile = refused("simulate", twin, "--host-trace", Files.createDirectories(dir.resolve("empty"))
                .toString(), "--out", dir.resolve("n").toString());
        assertTrue(noFile[1].contains("--host-trace: the directory has no host-steps.csv"), noFile[1]);
        refusedCleanly(List.of(bad, missing, both, noFile), List.of("b", "m", "t", "n"));
    }

    /** Each of {@code refusals} ({@link #refused}) exit 2 without a stack trace; none of {@code outs} written. */
    private void refusedCleanly(List<String[]> refusals, List<String> outs) {
        for (String[] r : refusals) {
            assertEquals("2", r[0], r[1]);
            assertTrue(!r[1].contains("Exception"), r[1]);
        }
        for (String out : outs) {
            assertTrue(!Files.exists(dir.resolve(out)), out + " written");
        }
    }

    /** A testbed's host-speed.csv: replication 0 of both policies on a host of 44 ms, replication 1 on one of 88. */
    private Path testbedHosts() throws Exception {
        return Files.writeString(dir.resolve("real-host-speed.csv"), "policy,replication,probes,probe_cpu_ms\n"
                + "deep-edge,0,12,44\ndeep-edge,1,15,88\nthroughput-proportional,0,12,44\n"
                + "throughput-proportional,1,9,88\n");
    }

    /** {@code device:value;...} cells (runs.csv's per-device columns) by device. */
    private static java.util.Map<String, String> cells(String text) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        for (String part : text.split(";")) {
            String[] kv = part.split(":");
            m.put(kv[0], kv[1]);
        }
        return m;
    }

    /** {@code simulate ARGS...}: exit code and standard error. */
    private static String[] refused(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void aHostFileThatCannotReplayEveryRunIsRefusedBeforeAnyRun() throws Exception {
        String twin = probedTwin().toString();
        Path hosts = Files.writeString(dir.resolve("hosts.csv"), "policy,replication,probes,probe_cpu_ms\n"
                + "deep-edge,0,12,44\nthroughput-proportional,0,0,\n");
        // throughput-proportional's replication 0 had no probe, and there is no replication 1 at all
        String[] missing = refused("simulate", twin, "--replications", "2", "--host-speed", hosts.toString(), "--out",
                dir.resolve("m").toString());
        assertTrue(missing[1].contains("--host-speed: 3 run(s) without a probe figure in the file"), missing[1]);
        assertTrue(missing[1].contains("throughput-proportional replication 0"), missing[1]);
        // the shipped twin's profile recorded no host; a directory without the file; a sweep column the config lacks
        String[] unprobed = refused("simulate", "configs/testbed-twin.yaml", "--replications", "1", "--host-speed",
                hosts.toString(), "--out", dir.resolve("u").toString());
        assertTrue(unprobed[1].contains("--host-speed: the config's devices do not all come from profile files that"
                + " recorded their host"), unprobed[1]);
        String[] noFile = refused("simulate", twin, "--host-speed", Files.createDirectories(dir.resolve("empty"))
                .toString(), "--out", dir.resolve("n").toString());
        assertTrue(noFile[1].contains("--host-speed: the directory has no host-speed.csv"), noFile[1]);
        Path swept = Files.writeString(dir.resolve("swept.csv"), "policy,replication,probes,probe_cpu_ms,devices.x\n"
                + "deep-edge,0,12,44,1\n");
        String[] sweep = refused("simulate", twin, "--host-speed", swept.toString(), "--out", dir.resolve("s").toString());
        assertTrue(sweep[1].contains("swept columns differ from the config's swept paths"), sweep[1]);
        refusedCleanly(List.of(missing, unprobed, noFile, sweep), List.of("m", "u", "n", "s"));
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
