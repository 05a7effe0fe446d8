package io.deepedge.experiments.cli;

import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.rpc.TokenFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code testbed --agent} end to end: two real agent processes started as a user would start them
 * ({@code ./deepedge agent --port 0 --token-file F --name N} plus mutual TLS with certificates made by the README's
 * openssl commands), the coordinator in this JVM driving them over real gRPC; the tiny config's results are
 * checked as {@link TestbedEndToEndTest} checks the {@code --local} ones, the token appears in no output, log or
 * result, and the agents, which are the user's, still run afterwards until stopped here.
 */
class TestbedAgentEndToEndTest {
    private static final long SAMPLES = 320;
    private static final long EPOCHS = 2;
    private static final long READY_TIMEOUT_SEC = 90;

    @TempDir
    Path tmp;
    private final List<Process> agents = new ArrayList<>();

    @AfterEach
    void stopAgents() throws InterruptedException {
        for (Process p : agents) {
            try {
                p.getOutputStream().close(); // --exit-on-stdin-eof: the agent stops cleanly
            } catch (IOException ignored) {
                // already gone
            }
        }
        for (Process p : agents) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void remoteAgentsOverMutualTlsWriteTheSimulatorsColumns() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is needed to make the test certificates");
        Path certDir = Files.createDirectory(tmp.resolve("tls"));
        TestCertificates certs = new TestCertificates(certDir);
        certs.ca("ca");
        certs.issue("ca", "agents", "IP:127.0.0.1", "serverAuth");
        certs.issue("ca", "coordinator", "", "clientAuth");
        Path tokenFile = TokenFile.generate(Files.createDirectory(tmp.resolve("token")));
        String token = Files.readString(tokenFile).trim();
        List<String> tls = List.of("--tls-cert", certs.cert("agents").toString(), "--tls-key",
                certs.key("agents").toString(), "--tls-client-ca", certs.cert("ca").toString());
        Path portA = startAgent("a", tokenFile, tls);
        Path portB = startAgent("b", tokenFile, tls);

        Path out = tmp.resolve("out");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new String[] {"testbed", "src/test/resources/testbed/tiny.yaml", "--rehearsals", "0",
                "--out", out.toString(),
                "--agent", "127.0.0.1:" + awaitPort(portB), "--agent", "127.0.0.1:" + awaitPort(portA),
                "--token-file", tokenFile.toString(), "--tls-ca", certs.cert("ca").toString(),
                "--tls-cert", certs.cert("coordinator").toString(), "--tls-key", certs.key("coordinator").toString()},
                new PrintWriter(o), new PrintWriter(e));
        assertEquals(0, code, "stdout:\n" + o + "\nstderr:\n" + e + "\nagent logs:\n" + logs());

        List<Map<String, String>> runs = RecordFiles.rows(out.resolve("runs.csv"));
        assertEquals(2, runs.size(), "deep-edge and throughput-proportional, one replication each");
        for (Map<String, String> r : runs) {
            TestbedEndToEndTest.checkFinishedRun(r, SAMPLES, EPOCHS);
        }
        List<Map<String, String>> services = RecordFiles.rows(out.resolve("services.csv"));
        assertEquals(2, services.size(), "one instance per run");
        for (Map<String, String> s : services) {
            assertTrue(Long.parseLong(s.get("requests")) > 0, s.toString());
        }
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"mode\" : \"testbed\""), manifest);
        assertTrue(manifest.contains("\"transport\" : \"mutual TLS\""), manifest);
        assertTrue(manifest.contains("\"cpuQuotaMode\" : \"" + TestbedCommand.REMOTE_QUOTA_MODE + "\""), manifest);

        assertFalse((o + "\n" + e + "\n" + logs()).contains(token), "the token is in no output or agent log");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(token),
                        "the token is in " + f);
            }
        }
        assertTrue(agents.stream().allMatch(Process::isAlive), "the user's agents keep running after the runs");
    }

    /** Starts an agent as the CLI's launcher would (same JVM options), but as a user's: no cgroup, no quota. */
    private Path startAgent(String name, Path tokenFile, List<String> extra) throws IOException {
        Path portFile = tmp.resolve(name + ".port");
        List<String> command = new ArrayList<>(AgentLauncher.javaMain(Main.class.getName(), List.of("agent"),
                AgentLauncher.DEFAULT_JVM_OPTIONS).command(new AgentLauncher.Launch(name, 1.0, tokenFile, portFile,
                Optional.empty())));
        command.addAll(extra);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("agent-" + name + ".log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        agents.add(pb.start());
        return portFile;
    }

    private int awaitPort(Path portFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SEC);
        while (!Files.exists(portFile)) {
            assertTrue(System.nanoTime() < deadline && agents.stream().allMatch(Process::isAlive),
                    "an agent did not start:\n" + logs());
            Thread.sleep(50);
        }
        return Integer.parseInt(Files.readString(portFile).trim());
    }

    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("a", "b")) {
            Path log = tmp.resolve("agent-" + name + ".log");
            if (Files.exists(log)) {
                b.append("--- agent ").append(name).append('\n').append(Files.readString(log));
            }
        }
        return b.toString();
    }
}
