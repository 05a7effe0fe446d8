package io.deepedge.experiments.cli;

import io.deepedge.hw.train.Nd4jSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator (a child JVM running {@code testbed --local}) is killed with SIGKILL in its second run, after the
 * first run completed and the second checkpointed; {@code --resume} then keeps the first run's row exactly,
 * continues the second from its checkpoint and finishes with the config's set of runs, leaving no hidden folder,
 * agent process or cgroup. A state of another experiment, and a folder with nothing to resume, are refused (2).
 */
class TestbedResumeTest {
    private static final Path CONFIG = Path.of("src/test/resources/testbed/tiny-resume.yaml");
    private static final long SAMPLES = 320;
    private static final long EPOCHS = 12;
    private static final long WAIT_SEC = 240;

    @Test
    void aKilledCoordinatorContinuesFromItsLastCheckpoint(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(2, run("--resume", out.toString()).code, "nothing to resume yet");

        Process child = startChild(out, tmp.resolve("child.log"));
        List<ProcessHandle> agents = new ArrayList<>();
        Path state;
        try {
            state = awaitCheckpointOfSecondRun(tmp, child);
            child.descendants().forEach(agents::add);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && agents.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        assertFalse(agents.stream().anyMatch(ProcessHandle::isAlive), "the killed coordinator's agents stop");
        while (System.nanoTime() < deadline && !TestbedEndToEndTest.runCgroups(child.pid()).isEmpty()) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), TestbedEndToEndTest.runCgroups(child.pid()), "the killed coordinator's cgroups go");
        String firstRun = Files.readString(state.resolve("run-0001/runs.csv"));

        Result refused = run("--resume", out.toString(), "--seed", "99");
        assertEquals(2, refused.code, refused.err);
        assertTrue(refused.err.contains("--resume") && refused.err.contains("seed"), refused.err);
        assertTrue(Files.exists(state.resolve("run-0001/runs.csv")), "a refused resume leaves the state alone");

        Result resumed = runLoud("--resume", out.toString());
        assertEquals(0, resumed.code, "stdout:\n" + resumed.out + "\nstderr:\n" + resumed.err);
        assertTrue(resumed.err.contains("throughput-proportional r0: continues from its checkpoint at round "),
                resumed.err);
        assertTrue(resumed.err.contains("run 1/2: deep-edge replication 0: completed before the interruption, kept"),
                resumed.err);
        List<Map<String, String>> runs = RecordFiles.rows(out.resolve("runs.csv"));
        assertEquals(List.of("deep-edge 0", "throughput-proportional 0"),
                runs.stream().map(r -> r.get("policy") + " " + r.get("replication")).toList());
        for (Map<String, String> r : runs) {
            assertEquals("true", r.get("finished"), r.toString());
            assertEquals(String.valueOf(SAMPLES * EPOCHS), r.get("samples_trained"), "samples conserved: " + r);
        }
        // host-speed.csv, like the other per-run files, has the kept run's row and the resumed one's
        assertEquals(List.of("deep-edge 0", "throughput-proportional 0"),
                RecordFiles.rows(out.resolve("host-speed.csv")).stream()
                        .map(r -> r.get("policy") + " " + r.get("replication")).toList());
        String firstRow = firstRun.substring(firstRun.indexOf('\n') + 1);
        assertTrue(Files.readString(out.resolve("runs.csv")).contains(firstRow), "the completed run is kept as it was");
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"runsKeptFromInterruptedCommand\" : 1"));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("child.log", "out"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no hidden folder remains");
        }
        assertEquals(List.of(), TestbedEndToEndTest.agentProcesses(), "no agent process remains");
        assertEquals(List.of(), TestbedEndToEndTest.runCgroups(), "no cgroup of this launcher remains");
        // the killed coordinator could not remove its run folder (token, ports, agents' and host probe's logs): the
        // resumed command's start swept it
        String killedFolder = "deepedge-local-p" + child.pid() + "-";
        try (Stream<Path> folders = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), folders.filter(f -> f.getFileName().toString().startsWith(killedFolder)).toList(),
                    "the killed coordinator's run folder remains");
        }
    }

    /** The hidden result folder's resume state, once run 1 completed and run 2 wrote a checkpoint. */
    private static Path awaitCheckpointOfSecondRun(Path parent, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SEC);
        while (System.nanoTime() < deadline && child.isAlive()) {
            Optional<Path> state = stateIn(parent);
            if (state.isPresent() && Files.isDirectory(state.get().resolve("run-0001"))
                    && Files.exists(state.get().resolve("run-0002.checkpoint/checkpoint.bin"))) {
                return state.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child did not reach run 2's first checkpoint (alive: " + child.isAlive()
                + "); its log: " + Files.readString(parent.resolve("child.log")));
    }

    private static Optional<Path> stateIn(Path parent) throws Exception {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".out.incomplete-"))
                    .map(p -> p.resolve("testbed-resume")).filter(Files::isDirectory).findFirst();
        }
    }

    private static Process startChild(Path out, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // a child running ND4J, set up as this JVM is (and with its logging)
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(Nd4jSetup.childJvmOptions());
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(List.of(Main.class.getName(), "testbed", CONFIG.toString(), "--local", "--rehearsals", "0",
                "--out", out.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of("--quiet"));
        args.addAll(List.of(extra));
        return runLoud(args.toArray(String[]::new));
    }

    private static Result runLoud(String... extra) {
        List<String> args = new ArrayList<>(List.of("testbed", CONFIG.toString(), "--local", "--rehearsals", "0"));
        args.addAll(List.of(extra));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(o), new PrintWriter(e));
        return new Result(code, o.toString(), e.toString());
    }
}
