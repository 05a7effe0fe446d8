package io.deepedge.experiments.cli;

import io.deepedge.hw.agent.AgentServer;
import io.deepedge.hw.agent.AgentServerConfig;
import io.deepedge.hw.agent.InferenceHost;
import io.deepedge.hw.agent.InvalidShardException;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenFile;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code testbed --agent}'s refusals: every problem with the options, the token, the TLS files and the agents
 * (unreachable, wrong token, two with one name, one that is no device, a device without one) at once, exit 2,
 * before any work (no result folder). The agents here are in-process servers on free 127.0.0.1 ports that only
 * answer Hello; the real runs are in {@link TestbedAgentEndToEndTest}.
 */
class TestbedAgentArgumentsTest {
    private static final String CONFIG = "src/test/resources/testbed/tiny.yaml";
    /** Held so the level sticks: the refused token is logged by the agent, on purpose. */
    private static final Logger HW_LOG = Logger.getLogger("io.deepedge.hw");

    @TempDir
    Path tmp;
    private final List<AgentServer> servers = new ArrayList<>();

    @BeforeAll
    static void quietAgentLog() {
        HW_LOG.setLevel(Level.SEVERE);
    }

    @AfterEach
    void stopAgents() {
        servers.forEach(AgentServer::close);
    }

    @Test
    void optionProblemsComeAllAtOnce() throws IOException {
        Path out = tmp.resolve("out");
        CliTest.Outcome o = cli("testbed", CONFIG, "--local", "--agent", "127.0.0.1:1", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--local: given with --agent (127.0.0.1:1), expected either --local"), o.err());

        o = cli("testbed", CONFIG, "--local", "--token-file", "t", "--tls-ca", "ca.pem", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--token-file: only with --agent (t)"), o.err());
        assertTrue(o.err().contains("--tls-ca: only with --agent (ca.pem)"), o.err());

        Path missing = tmp.resolve("missing-ca.pem");
        o = cli("testbed", CONFIG, "--agent", "127.0.0.1:1", "--agent", "nohostport", "--tls-ca", missing.toString(),
                "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--token-file: missing (none given), expected the file holding the token"), o.err());
        assertTrue(o.err().contains("--tls-ca: " + missing + ": file not found, expected an existing, readable PEM file"),
                o.err());

        o = cli("testbed", CONFIG, "--agent", "127.0.0.1:1", "--tls-cert", "c.pem", "--out", out.toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--tls-cert: given without --tls-ca (c.pem)"), o.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void everyAgentProblemIsReportedBeforeAnyWork() throws Exception {
        Token token = Token.of("0123456789abcdef0123456789abcdef-args");
        Path tokenFile = TokenFile.generate(tmp);
        Token fileToken = TokenFile.read(tokenFile).token();
        int a1 = agent("a", fileToken);
        int a2 = agent("a", fileToken);
        int c = agent("c", fileToken);
        int wrongToken = agent("b", token);
        int closed = freePort();
        Path out = tmp.resolve("out");
        CliTest.Outcome o = cli("testbed", CONFIG, "--token-file", tokenFile.toString(), "--out", out.toString(),
                "--agent", "127.0.0.1:" + a1, "--agent", "127.0.0.1:" + a2, "--agent", "127.0.0.1:" + c,
                "--agent", "127.0.0.1:" + wrongToken, "--agent", "127.0.0.1:" + closed, "--agent", "127.0.0.1:" + c,
                "--agent", "127.0.0.1:99999");
        assertEquals(2, o.code(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(List.of(
                "--agent: given twice (127.0.0.1:" + c + "), expected each agent once",
                "--agent: not HOST:PORT (127.0.0.1:99999), expected e.g. 192.168.1.21:50051 or [fe80::1]:50051 with a "
                        + "port of 1 .. 65535"),
                lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("--agent: 127.0.0.1:" + wrongToken + ": the agent refused the token "
                + "(UNAUTHENTICATED"), lines.get(2));
        assertTrue(lines.get(3).startsWith("--agent: 127.0.0.1:" + closed + ": no answer to Hello (UNAVAILABLE"),
                lines.get(3));
        assertEquals(List.of(
                "--agent: 127.0.0.1:" + a1 + ", 127.0.0.1:" + a2 + ": 2 agents report the device name a, expected one "
                        + "agent per device (start each with its own --name)",
                "--agent: 127.0.0.1:" + c + ": the agent's device name (c) is not a device of " + CONFIG + ", expected "
                        + "one of a, b (the agent's --name)",
                CONFIG + ": devices: b: no agent reports this name (agents answered as a=127.0.0.1:" + a1
                        + ", a=127.0.0.1:" + a2 + ", c=127.0.0.1:" + c + "), expected one --agent HOST:PORT per "
                        + "configured device, started with --name b"),
                lines.subList(4, 7));
        assertEquals(7, lines.size(), o.err());
        assertFalse(o.err().contains(fileToken.toString()) || o.err().contains(Files.readString(tokenFile).trim()),
                "the token never appears");
        assertFalse(Files.exists(out), "nothing written");
    }

    /** An agent that answers Hello as {@code name}; its port. */
    private int agent(String name, Token token) throws IOException {
        AgentServer s = AgentServer.start(AgentServerConfig.loopback(name, 0), token,
                DeviceInfo.newBuilder().setName(name).setCores(1).build(), (spec, data) -> {
                    throw new InvalidShardException("not used");
                }, InferenceHost.none());
        servers.add(s);
        return s.port();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
