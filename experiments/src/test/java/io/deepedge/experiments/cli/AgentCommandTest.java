package io.deepedge.experiments.cli;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentCommandTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    /** Held so the level sticks: the agent's log lines would only clutter the test output. */
    private static final Logger HW_LOG = Logger.getLogger("io.deepedge.hw");

    @BeforeAll
    static void quietAgentLog() {
        HW_LOG.setLevel(Level.SEVERE); // the refused wrong token is logged as a warning, on purpose
    }

    @TempDir
    Path tmp;

    @Test
    void everyBadOptionIsReportedAtOnceWithExit2AndNothingStarts() {
        CliTest.Outcome o = cli("agent", "--port", "70000", "--bind", "no-such-host.invalid", "--name", "bad name",
                "--coordinator", "nohostport", "--port-file", tmp.resolve("missing/port").toString());
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of(
                "--token-file: missing, expected a file holding the shared token (openssl rand -hex 32 > agent.token"
                        + " && chmod 600 agent.token); calls without it are refused",
                "--port: out of range (70000), expected 0 .. 65535 (0: any free port)",
                "--bind: unknown host (no-such-host.invalid), expected an address of this machine, e.g. 127.0.0.1"
                        + " (default), 0.0.0.0 (all) or a LAN address",
                "--name: not a device name (bad name), expected 1-64 letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit",
                "--coordinator: not HOST:PORT (nohostport), expected e.g. 192.168.1.10:50050 or [::1]:50050 with a port"
                        + " of 1 .. 65535",
                "--port-file: " + tmp.resolve("missing/port") + ": its folder does not exist, expected a file in an"
                        + " existing folder"), o.err().lines().toList());
        assertTrue(o.out().isEmpty());
    }

    @Test
    void anUnreadableTokenFileAndAWrongTypeAreReportedTogether() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.token"));
        CliTest.Outcome o = cli("agent", "--token-file", empty.toString(), "--port", "abc");
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of("--port: not a whole number in range (abc), expected an integer from -2147483648 to 2147483647",
                "--token-file: " + empty + ": file is empty, expected the shared token on its first line"),
                o.err().lines().toList());
    }

    @Test
    void versionWorksAfterTheCommand() {
        CliTest.Outcome o = cli("agent", "--version");
        assertEquals(0, o.code());
        assertTrue(o.out().startsWith("deepedge "), o.out());
    }

    /**
     * The real command: an agent with the DL4J worker on a free port, which refuses a wrong token, computes a
     * gradient on a shard of images, and stops with exit 0 on a Shutdown call.
     */
    @Test
    void theAgentServesTheDl4jWorkerBehindTheTokenUntilShutdown() throws Exception {
        Path tokenFile = Files.writeString(tmp.resolve("agent.token"), TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        Path portFile = tmp.resolve("agent.port");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"agent", "--port", "0",
                "--token-file", tokenFile.toString(), "--port-file", portFile.toString(), "--name", "cli-agent"},
                new PrintWriter(out), new PrintWriter(err)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) && !exit.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(portFile), "the agent wrote its port; stderr: " + err);
        int port = Integer.parseInt(Files.readString(portFile).trim());
        try (AgentClient wrong = AgentClient.connect("127.0.0.1", port, Token.of("wrong-token-0123456789"),
                CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
             AgentClient agent = AgentClient.connect("127.0.0.1", port, Token.of(TOKEN), CallDeadlines.defaults(),
                     RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
            RemoteCallException refused = assertThrows(RemoteCallException.class, () -> wrong.hello("test"));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.code());
            assertEquals("cli-agent", agent.hello("test").getDevice().getName());
            LabelledImages images = FashionMnist.subset().train().slice(0, 8);
            NetworkSpec mlp = new NetworkSpec.Mlp(8);
            agent.loadShard(new ShardSpec("s", ImageShard.FORMAT, 8, "mlp", NetworkSpecs.configBytes(mlp)),
                    ImageShard.encode(images));
            GradientResult g = agent.gradient(1, 1, new float[(int) NetworkSpecs.parameterCount(mlp, 28, 28, 10)], 0, 8);
            // all-zero parameters: every class gets probability 1/10, so the summed loss is 8 ln 10
            assertEquals(8 * Math.log(10), g.lossSum(), 1e-4);
            agent.shutdown("test over");
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString());
        assertTrue(out.toString().startsWith("agent cli-agent serving on 127.0.0.1:" + port), out.toString());
        assertFalse(out.toString().contains(TOKEN) || err.toString().contains(TOKEN), "the token is never printed");
    }
}
