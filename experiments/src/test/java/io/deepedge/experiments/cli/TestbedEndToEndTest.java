package io.deepedge.experiments.cli;

import io.deepedge.hw.cgroup.CpuQuotas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code testbed --local} end to end, in-process: two real agent processes under CPU quotas, an MLP re-trained on
 * 320 drifted images for 2 epochs, an LC service driven over the metrics window; then the result files and that
 * nothing started is left behind.
 */
class TestbedEndToEndTest {
    private static final long SAMPLES = 320;
    private static final long EPOCHS = 2;

    @Test
    void localRunWritesTheSimulatorsColumnsAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path config = Path.of("src/test/resources/testbed/tiny.yaml");
        Path out = tmp.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"testbed", config.toString(), "--local", "--out", out.toString()},
                new PrintWriter(o), new PrintWriter(e));
        assertEquals(0, code, "stdout:\n" + o + "\nstderr:\n" + e);

        // one untimed rehearsal of the first run (the default) before the measured ones, and nothing of it kept
        String err = e.toString();
        int rehearsal = err.indexOf("rehearsal 1/1: deep-edge replication 0 (untimed, results discarded)");
        assertTrue(rehearsal >= 0 && rehearsal < err.indexOf("run 1/2: deep-edge replication 0"), err);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("comparison.csv", "histograms.csv", "host-speed.csv", "host-steps.csv",
                    "manifest.json", "plots", "report.html", "rounds.csv", "runs.csv", "services.csv", "summary.csv",
                    "timeline.csv"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        List<Map<String, String>> runs = RecordFiles.rows(out.resolve("runs.csv"));
        assertEquals(2, runs.size(), "deep-edge and throughput-proportional, one replication each");
        for (Map<String, String> r : runs) {
            checkFinishedRun(r, SAMPLES, EPOCHS);
            assertEquals("0", r.get("failures"));
        }
        // under cgroup quotas (root here) every agent's CFS periods over the window, as the kernel counted them
        String quotaMode = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json")
                .toFile()).get("testbed").get("cpuQuotaMode").asText();
        for (Map<String, String> r : runs) {
            String cell = r.get("cfs_throttled_share");
            if (quotaMode.startsWith("CGROUP")) {
                // a serves all along; b is listed when it had work in the window (its kernel counted periods)
                assertTrue(cell.matches("a:[01]\\.\\d{4}(;b:[01]\\.\\d{4})?"), cell);
            } else {
                assertEquals("", cell, "no cgroup, nothing counted (" + quotaMode + ")");
            }
            // every agent's process CPU over the window, from its own metrics (a cgroup or not): a serves requests
            // and b at least answers heartbeats, so both used some; under cgroup quotas neither can have used more
            // than its quota (1.0 and 0.5 cores) over a window of whole seconds, give or take one 100 ms period
            Map<String, Double> cpu = new HashMap<>();
            cells(r.get("cpu_cores_used")).forEach((d, v) -> cpu.put(d, Double.parseDouble(v)));
            assertEquals(java.util.Set.of("a", "b"), cpu.keySet(), r.get("cpu_cores_used"));
            assertTrue(cpu.get("a") > 0 && cpu.get("b") > 0, cpu.toString());
            if (quotaMode.startsWith("CGROUP")) {
                assertTrue(cpu.get("a") <= 1.0 * 1.05 && cpu.get("b") <= 0.5 * 1.05, cpu.toString());
            }
        }
        List<Map<String, String>> services = RecordFiles.rows(out.resolve("services.csv"));
        assertEquals(2, services.size(), "one instance per run");
        for (Map<String, String> s : services) {
            assertTrue(Long.parseLong(s.get("requests")) > 0, s.toString());
        }
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"mode\" : \"testbed\""), manifest);
        assertTrue(manifest.contains("\"rehearsals\" : 1,"), manifest);
        assertTrue(manifest.contains("\"runOrder\" : \"interleaved\""), manifest);
        figureSourcesAreRecorded(out.resolve("manifest.json"));
        assertTrue(Files.exists(out.resolve("summary.csv")) && Files.exists(out.resolve("report.html")));
        RecordFiles.histogramsConserveRequests(out, List.of());
        RecordFiles.timelineCoversReplicationZero(out, List.of());
        roundsSplitEveryCallAndConserveSamples(out, runs);
        hostSpeedNamesEveryRun(out, runs);
        hostStepsCoverEveryRun(out, runs);
        RecordFiles.figuresDrawn(out);

        assertEquals(List.of(), agentProcesses(), "no agent process (nor the host-speed probe) remains");
        assertEquals(List.of(), runCgroups(), "no cgroup of this launcher remains");
    }

    /**
     * host-speed.csv: one row per run, in runs.csv's order; a run whose job outlasted a probe's period names how many
     * probes ended in it and their mean CPU, a run with none leaves the figure empty (never 0).
     */
    private static void hostSpeedNamesEveryRun(Path out, List<Map<String, String>> runs) throws IOException {
        assertEquals("policy,replication,probes,probe_cpu_ms",
                Files.readAllLines(out.resolve("host-speed.csv"), StandardCharsets.UTF_8).get(0));
        List<Map<String, String>> probes = RecordFiles.rows(out.resolve("host-speed.csv"));
        assertEquals(runs.size(), probes.size(), probes.toString());
        int processes = io.deepedge.hw.local.HostProbeProcess.probesOnThisMachine();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> p = probes.get(i);
            assertEquals(runs.get(i).get("policy"), p.get("policy"));
            assertEquals(runs.get(i).get("replication"), p.get("replication"));
            int n = Integer.parseInt(p.get("probes"));
            // per probe process, no more steps than whole periods of the job's length fit, one more for the edges
            double jobSec = Double.parseDouble(runs.get(i).get("retrain_time_sec"));
            assertTrue(n >= 0 && n <= processes
                            * (jobSec * 1000 / io.deepedge.hw.local.HostProbeProcess.DEFAULT_PERIOD_MS + 1),
                    p + " over a job of " + jobSec + " s from " + processes + " probe processes");
            assertEquals(n == 0, p.get("probe_cpu_ms").isEmpty(), p.toString());
            if (n > 0) {
                assertTrue(Double.parseDouble(p.get("probe_cpu_ms")) > 0, p.toString());
            }
        }
    }

    /**
     * host-steps.csv: every probe step of every run, each timed from the run's start (none before it: the steps of the
     * rehearsal and of the run before are not the run's), each probe's in the order they arrived, on a CPU of one of
     * the probes; every probe process stepped in every run (a run lasts its 12 s horizon, a probe steps once a second),
     * and a run holds at least the steps host-speed.csv counted in its job, which lies inside the run.
     */
    private static void hostStepsCoverEveryRun(Path out, List<Map<String, String>> runs) throws IOException {
        assertEquals("policy,replication,t_sec,cpu,probe_cpu_ms",
                Files.readAllLines(out.resolve("host-steps.csv"), StandardCharsets.UTF_8).get(0));
        List<Map<String, String>> steps = RecordFiles.rows(out.resolve("host-steps.csv"));
        List<Map<String, String>> probes = RecordFiles.rows(out.resolve("host-speed.csv"));
        int processes = io.deepedge.hw.local.HostProbeProcess.probesOnThisMachine();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> run = runs.get(i);
            List<Map<String, String>> own = steps.stream().filter(s -> s.get("policy").equals(run.get("policy"))
                    && s.get("replication").equals(run.get("replication"))).toList();
            Map<String, Double> lastSecByCpu = new HashMap<>();
            for (Map<String, String> s : own) {
                double atSec = Double.parseDouble(s.get("t_sec"));
                assertTrue(atSec >= 0, s.toString());
                assertTrue(Integer.parseInt(s.get("cpu")) >= -1, s.toString());
                assertTrue(Double.parseDouble(s.get("probe_cpu_ms")) > 0, s.toString());
                // one probe's steps arrive one after another: a step timed before its predecessor was timed wrong
                Double last = lastSecByCpu.put(s.get("cpu"), atSec);
                assertTrue(last == null || last < atSec, last + " then " + s);
            }
            assertEquals(processes, lastSecByCpu.size(), "every probe stepped in " + run.get("policy") + ": " + own);
            assertTrue(own.size() >= Integer.parseInt(probes.get(i).get("probes")), own.size() + " steps, "
                    + probes.get(i));
        }
    }

    /**
     * rounds.csv: one row per gradient call of the runs the timeline records (replication 0), each device's calls
     * adding up to its share of the plan in every epoch (no sample counted twice or lost), and every call's parts
     * nested as measured: the compute inside the agent's handler, the handler and the coordinator's own encoding and
     * decoding inside the call, the transport what is left of it; the compute's CPU within its wall time and the
     * agent process's CPU over the handler.
     */
    private static void roundsSplitEveryCallAndConserveSamples(Path out, List<Map<String, String>> runs)
            throws IOException {
        List<Map<String, String>> calls = RecordFiles.rows(out.resolve("rounds.csv"));
        assertEquals("policy,replication,round,device,samples,call_ms,params_encode_ms,transport_ms,params_decode_ms,"
                + "compute_ms,gradient_encode_ms,agent_handler_ms,gradient_decode_ms,compute_cpu_ms,agent_handler_cpu_ms",
                Files.readAllLines(out.resolve("rounds.csv"), StandardCharsets.UTF_8).get(0));
        for (Map<String, String> r : runs) {
            Map<String, Long> trained = new HashMap<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Map<String, String> c : calls) {
                assertEquals("0", c.get("replication"), c.toString());
                if (!c.get("policy").equals(r.get("policy"))) {
                    continue;
                }
                assertTrue(seen.add(c.get("round") + "|" + c.get("device")), "one row per call: " + c);
                trained.merge(c.get("device"), Long.parseLong(c.get("samples")), Long::sum);
                double handler = Double.parseDouble(c.get("agent_handler_ms"));
                double compute = Double.parseDouble(c.get("compute_ms"));
                double encode = Double.parseDouble(c.get("params_encode_ms"));
                double decode = Double.parseDouble(c.get("gradient_decode_ms"));
                double transport = Double.parseDouble(c.get("transport_ms"));
                assertTrue(compute > 0 && handler + 1e-6 >= compute + Double.parseDouble(c.get("params_decode_ms"))
                        + Double.parseDouble(c.get("gradient_encode_ms")), c.toString());
                // the transport is the call less the other parts: not negative, as the handler and the coordinator's
                // own encoding and decoding lie inside the call
                assertTrue(encode > 0 && decode > 0 && transport >= -1e-6, c.toString());
                // a thread's CPU over the compute cannot exceed the compute's wall time; the process's over the
                // handler holds that thread's, to within the 10 ms tick the process's clock counts in
                double computeCpu = Double.parseDouble(c.get("compute_cpu_ms"));
                double handlerCpu = Double.parseDouble(c.get("agent_handler_cpu_ms"));
                assertTrue(computeCpu > 0 && computeCpu <= compute + 1e-6 && handlerCpu + 10.01 >= computeCpu,
                        c.toString());
            }
            Map<String, Long> planned = new HashMap<>();
            cells(r.get("plan")).forEach((d, v) -> planned.put(d, EPOCHS * Long.parseLong(v)));
            assertEquals(planned, trained, r.get("policy") + ": each device trained its share in every epoch");
            if (r.get("replication").equals("0")) {
                assertEquals(trainingCpuPerSample(calls, r.get("policy")), cells(r.get("train_cpu_ms_per_sample")),
                        r.get("policy") + ": runs.csv's training CPU per sample is rounds.csv's, call by call");
            }
        }
    }

    /** Per device, the sum of rounds.csv's compute_cpu_ms over its samples, as runs.csv writes it (4 decimals). */
    private static Map<String, String> trainingCpuPerSample(List<Map<String, String>> calls, String policy) {
        Map<String, double[]> sums = new java.util.TreeMap<>();
        for (Map<String, String> c : calls) {
            if (c.get("policy").equals(policy)) {
                double[] s = sums.computeIfAbsent(c.get("device"), d -> new double[2]);
                s[0] += Double.parseDouble(c.get("compute_cpu_ms"));
                s[1] += Long.parseLong(c.get("samples"));
            }
        }
        Map<String, String> out = new java.util.TreeMap<>();
        sums.forEach((d, s) -> out.put(d, String.format(java.util.Locale.ROOT, "%.4f", s[0] / s[1])));
        return out;
    }

    /** A runs.csv cell of device:value pairs separated by ; (plan, cpu_cores_used, train_cpu_ms_per_sample). */
    private static Map<String, String> cells(String cell) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String pair : cell.split(";")) {
            out.put(pair.substring(0, pair.indexOf(':')), pair.substring(pair.indexOf(':') + 1));
        }
        return out;
    }

    /** The figures tiny.yaml writes come from the config, the others from the agents' calibration. */
    private static void figureSourcesAreRecorded(Path manifest) throws IOException {
        var testbed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile()).get("testbed");
        Map<String, String> sources = new HashMap<>();
        Map<String, Double> values = new HashMap<>();
        for (var row : testbed.get("planningFigures")) {
            String key = row.get("device").asText() + (row.has("service") ? ":" + row.get("service").asText() : "")
                    + "/" + row.get("figure").asText();
            sources.put(key, row.get("source").asText());
            values.put(key, row.get("value").isNumber() ? row.get("value").asDouble() : Double.NaN);
            assertTrue(!row.get("conditions").asText().isEmpty(), row.toString());
        }
        assertEquals(Map.of("a/trainSamplesPerSec", "config", "a/serviceSlowdown", "config",
                "a/trainingSlowdown", "calibrated", "b/trainSamplesPerSec", "calibrated", "b/batches", "calibrated",
                "b/serviceSlowdown", "calibrated", "b/trainingSlowdown", "calibrated",
                "a:classifier/serviceTimeMeanMs", "calibrated", "a:classifier/serviceTimeCv", "calibrated"), sources);
        assertEquals(300.0, values.get("a/trainSamplesPerSec"));
        assertEquals(8.0, values.get("a/serviceSlowdown"));
        assertEquals(1.0, values.get("b/serviceSlowdown"), "b hosts no service: nothing to slow down");
        assertTrue(values.get("b/trainSamplesPerSec") > 0 && values.get("a:classifier/serviceTimeMeanMs") > 0,
                values.toString());
        assertTrue(values.get("a/trainingSlowdown") >= 1, values.toString());
        assertEquals("mlp-untrained", testbed.get("servedModels").get("classifier").get("model").asText());
    }

    static List<String> agentProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    /** Folders named as {@link CpuQuotas} names a run's groups for this process, anywhere in the cgroup tree. */
    static List<Path> runCgroups() throws IOException {
        return runCgroups(ProcessHandle.current().pid());
    }

    /** The same for the launcher with process id {@code pid}. */
    static List<Path> runCgroups(long pid) throws IOException {
        Path root = Path.of("/sys/fs/cgroup");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String prefix = CpuQuotas.RUN_DIR_PREFIX + pid + "-";
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.find(root, 8, (p, a) -> a.isDirectory()
                && p.getFileName() != null && p.getFileName().toString().startsWith(prefix))) {
            s.forEach(found::add);
        } catch (java.io.UncheckedIOException ignored) {
            // an unreadable corner of the cgroup tree holds no group of ours
        }
        return found;
    }

    /**
     * A finished testbed run: mode, every sample trained {@code epochs} times, a plan that splits all of an epoch's
     * samples, accuracies in [0, 1] and a positive re-training time.
     */
    static void checkFinishedRun(Map<String, String> r, long samples, long epochs) {
        assertEquals("testbed", r.get("mode"));
        assertEquals("true", r.get("finished"), r.toString());
        assertEquals(String.valueOf(samples * epochs), r.get("samples_trained"), "samples conserved: " + r);
        long planned = 0;
        for (String pair : r.get("plan").split(";")) {
            planned += Long.parseLong(pair.substring(pair.indexOf(':') + 1));
        }
        assertEquals(samples, planned, "the plan splits every sample of an epoch: " + r.get("plan"));
        for (String column : List.of("accuracy_before", "accuracy_after")) {
            double a = Double.parseDouble(r.get(column));
            assertTrue(a >= 0 && a <= 1, column + " " + a);
        }
        assertTrue(Double.parseDouble(r.get("retrain_time_sec")) > 0, r.toString());
    }
}
