package io.deepedge.hw.local;

import io.deepedge.hw.agent.ServiceWindowStats;
import io.deepedge.hw.cgroup.CpuQuotas;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.load.RemoteLoadGenerator;
import io.deepedge.hw.load.RemoteRequest;
import io.deepedge.hw.load.RequestInputs;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.FloatCodec;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.GradientComputer;
import io.deepedge.hw.train.LocalGradient;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.Arrivals;
import io.grpc.Status;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two real agent processes started by {@link LocalCluster} (the DL4J worker and LC host behind gRPC, each in
 * its cgroup), checked against values computed in this JVM, then closed: no process and no cgroup remain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    /** Small enough that a gradient takes milliseconds, a real CNN all the same (conv, pool, dense, softmax). */
    static final NetworkSpec TINY_CNN = new NetworkSpec.Cnn(4, 8, 32);
    private LocalCluster cluster;
    private LabelledImages images;

    @BeforeAll
    void start() throws Exception {
        images = FashionMnist.subset().train().slice(0, 64);
        cluster = LocalCluster.start(LocalCluster.Options.of("test-cluster", List.of(
                new LocalCluster.Device("dev-a", 0.5), new LocalCluster.Device("dev-b", 1.0)),
                TestAgentMain.launcher()));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private AgentClient client(String device) {
        LocalCluster.Agent a = cluster.agent(device);
        return AgentClient.connect(a.host(), a.port(), cluster.token(), CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
    }

    @Test
    @Order(1)
    void aGradientOverGrpcEqualsTheInProcessOne() throws Exception {
        byte[] shard = ImageShard.encode(images);
        MultiLayerNetwork local = TINY_CNN.build(28, 28, 10, 42, UpdaterSpec.sgd(0.1));
        float[] params = local.params().toFloatVector();
        // parameters away from the initial ones, so the agent's own initialisation cannot pass for them
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.05 * (rng.nextDouble() - 0.5));
        }
        LocalGradient expected = new GradientComputer(local).compute(params, Batches.of(images, 8, 8 + 24));
        try (AgentClient agent = client("dev-a")) {
            agent.hello("test");
            var loaded = agent.loadShard(new ShardSpec("s1", ImageShard.FORMAT, images.count(), "tiny",
                    NetworkSpecs.configBytes(TINY_CNN)), shard);
            assertEquals(NetworkSpecs.parameterCount(TINY_CNN, 28, 28, 10), loaded.getParameterCount());
            assertEquals(params.length, loaded.getParameterCount());
            GradientResult got = agent.gradient(1, 1, params, 8, 24);
            assertEquals(24, got.sampleCount());
            double scale = max(expected.sum());
            assertTrue(scale > 1e-3, "a gradient worth comparing");
            for (int i = 0; i < params.length; i++) {
                assertEquals(expected.sum()[i], got.gradientSum()[i], 1e-5 * scale, "gradient[" + i + "]");
            }
            assertEquals(expected.meanLoss() * 24, got.lossSum(), 1e-4 * expected.meanLoss() * 24);
            // another range of the same shard, on the parameters the agent holds: also equal
            LocalGradient other = new GradientComputer(local).compute(params, Batches.of(images, 40, 64));
            GradientResult held = agent.gradientWithHeldParams(1, 1, 40, 24, params.length);
            assertEquals(other.sum()[0], held.gradientSum()[0], 1e-5 * scale);
            assertEquals(other.sum()[params.length - 1], held.gradientSum()[params.length - 1], 1e-5 * scale);
        }
    }

    @Test
    @Order(2)
    void aShardInAnotherFormatOrForAnUnknownModelIsRefused() throws Exception {
        try (AgentClient agent = client("dev-b")) {
            agent.hello("test");
            byte[] shard = ImageShard.encode(images.slice(0, 4));
            RemoteCallException format = assertThrows(RemoteCallException.class, () -> agent.loadShard(
                    new ShardSpec("s", "idx", 4, "m", NetworkSpecs.configBytes(TINY_CNN)), shard));
            assertEquals(Status.Code.INVALID_ARGUMENT, format.code());
            assertTrue(format.getMessage().contains("format: idx, expected " + ImageShard.FORMAT), format.getMessage());
            RemoteCallException model = assertThrows(RemoteCallException.class, () -> agent.loadShard(
                    new ShardSpec("s", ImageShard.FORMAT, 4, "m", "resnet".getBytes()), shard));
            assertTrue(model.getMessage().contains("unknown architecture (resnet)"), model.getMessage());
            byte[] cut = Arrays.copyOf(shard, shard.length - 1);
            RemoteCallException truncated = assertThrows(RemoteCallException.class, () -> agent.loadShard(
                    new ShardSpec("s", ImageShard.FORMAT, 4, "m", NetworkSpecs.configBytes(TINY_CNN)), cut));
            assertTrue(truncated.getMessage().contains("expected 3156 = 16 header + 4 x (1 label + 28x28 pixels)"),
                    truncated.getMessage());
        }
    }

    @Test
    @Order(3)
    void anLcServiceAnswersWithItsModelsOutputForTheImageSent() throws Exception {
        // the agent builds "mlp" from a fixed seed: the same network built here must give the same probabilities
        MultiLayerNetwork same = new NetworkSpec.Mlp(100).build(28, 28, 10, 1, UpdaterSpec.sgd(1));
        LabelledImages test = FashionMnist.subset().test().slice(0, 5);
        try (AgentClient agent = client("dev-b"); InferClient lc = InferClient.connect(LocalCluster.HOST,
                cluster.agent("dev-b").port(), cluster.token())) {
            agent.hello("test");
            agent.startServices(List.of(new ServiceSpec("classifier", "mlp", 0)));
            RequestInputs inputs = RequestInputs.images(test);
            for (int i = 0; i < test.count(); i++) {
                byte[] out = lc.infer("classifier", i, 0, inputs.input(i), Duration.ofSeconds(30)).get()
                        .getOutput().toByteArray();
                float[] expected = same.output(Batches.image(test, i), false).toFloatVector();
                ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(4 * 10, out.length);
                for (int c = 0; c < 10; c++) {
                    assertEquals(expected[c], b.getFloat(), 1e-5, "image " + i + " class " + c);
                }
            }
            agent.stopServices();
        }
    }

    /**
     * A burst of N requests all scheduled at one instant, served FCFS by one worker in S ms each (a busy-spin of
     * known duration, which ends late, never early): the k-th reply cannot come before k x S after the burst, so
     * the sorted latencies measured at the client satisfy L(k) >= k S, and so do the agent's (which run from the
     * same scheduled arrival, minus the trip back). Concurrent serving, latency measured from the start of service,
     * or a closed-loop client (sending after the previous reply), would break the bound.
     */
    @Test
    @Order(4)
    void aBurstOnARealAgentQueuesFcfsAndLatencyRunsFromTheScheduledArrival() throws Exception {
        double serviceMs = 4;
        int n = 30;
        double atSec = 0.5;
        List<Double> times = new ArrayList<>(Collections.nCopies(n, atSec));
        try (AgentClient agent = client("dev-b"); InferClient lc = InferClient.connect(LocalCluster.HOST,
                cluster.agent("dev-b").port(), cluster.token())) {
            agent.hello("test");
            agent.startServices(List.of(new ServiceSpec("spin", "calibration-spin:" + serviceMs, 1000)));
            agent.metrics(); // opens a fresh window
            RunClock clock = RunClock.start();
            RemoteLoadGenerator generator = new RemoteLoadGenerator(lc, "spin", 1000,
                    ArrivalSchedule.of(new Arrivals.Recorded("burst", times, 0), 1), 10, clock, RequestInputs.none(),
                    RemoteLoadGenerator.DEFAULT_CALL_DEADLINE).start();
            generator.join();
            assertTrue(generator.awaitReplies(Duration.ofSeconds(30)), "every request answered");
            List<RemoteRequest> requests = generator.requests();
            assertEquals(n, requests.size());
            double[] client = requests.stream().mapToDouble(r -> r.latencySec() * 1000).sorted().toArray();
            for (int k = 1; k <= n; k++) {
                assertTrue(client[k - 1] >= k * serviceMs, "client latency " + k + ": " + client[k - 1] + " ms");
            }
            for (RemoteRequest r : requests) {
                assertEquals(atSec, r.arrivalSec(), 1e-9, "latency runs from the scheduled arrival");
                assertTrue(r.sentSec() >= r.arrivalSec());
            }
            ServiceWindowStats clientWindow = generator.drainWindow();
            assertEquals(n, clientWindow.arrivals());
            assertEquals(n, clientWindow.completed());
            assertEquals(0, clientWindow.unfinished());
            MetricsSnapshot m = agent.metrics();
            assertEquals(1, m.getServicesCount());
            var w = m.getServices(0);
            assertEquals(n, w.getArrivals());
            assertEquals(n, w.getCompleted());
            assertEquals(0, w.getUnfinished());
            float[] agentSide = FloatCodec.decode(w.getLatencyMs(), "latency_ms", n);
            Arrays.sort(agentSide);
            // wall clocks convert the scheduled arrival between the two JVMs: allow their reading error (µs)
            double clockMs = 1;
            for (int k = 1; k <= n; k++) {
                assertTrue(agentSide[k - 1] >= k * serviceMs - clockMs, "agent latency " + k + ": " + agentSide[k - 1]);
                assertTrue(client[k - 1] >= agentSide[k - 1] - clockMs, "the client's view includes the trip back");
            }
            agent.stopServices();
        }
    }

    @Test
    @Order(5)
    void eachAgentRunsInItsCgroupWithItsQuota() throws Exception {
        CpuQuotas quotas = cluster.quotas();
        if (!quotas.enforced()) {
            assertTrue(quotas.warning().orElseThrow().contains("thread limits"));
            assumeTrue(false, "cgroups are not writable here (" + quotas.warning().orElseThrow()
                    + "): CpuQuotasTest covers the thread-limit fallback");
        }
        for (LocalCluster.Agent a : cluster.agents()) {
            Path dir = a.cgroupDir().orElseThrow();
            long quota = Math.round(a.cpus() * CpuQuotas.PERIOD_US);
            if (quotas.mode() == CpuQuotas.Mode.CGROUP_V1) {
                assertEquals(Long.toString(quota), Files.readString(dir.resolve("cpu.cfs_quota_us")).trim());
                assertEquals("100000", Files.readString(dir.resolve("cpu.cfs_period_us")).trim());
            } else {
                assertEquals(quota + " 100000", Files.readString(dir.resolve("cpu.max")).trim());
            }
            assertTrue(Files.readAllLines(dir.resolve("cgroup.procs")).contains(Long.toString(a.pid())),
                    a.name() + " (pid " + a.pid() + ") is in " + dir);
            assertEquals(quotas.runDir().orElseThrow(), dir.getParent());
        }
    }

    @Test
    @Order(6)
    void aKilledAgentRestartsOnANewPortAndServes() throws Exception {
        LocalCluster.Agent before = cluster.agent("dev-a");
        cluster.kill("dev-a");
        assertFalse(ProcessHandle.of(before.pid()).map(ProcessHandle::isAlive).orElse(false));
        try (AgentClient gone = client("dev-a")) {
            RemoteCallException e = assertThrows(RemoteCallException.class, () -> gone.hello("test"));
            assertTrue(e.peerUnreachable(), e.getMessage());
        }
        LocalCluster.Agent after = cluster.restart("dev-a");
        assertTrue(after.pid() != before.pid());
        try (AgentClient agent = client("dev-a")) {
            assertEquals("dev-a", agent.hello("test").getDevice().getName());
        }
        if (cluster.quotas().enforced()) {
            assertTrue(Files.readAllLines(after.cgroupDir().orElseThrow().resolve("cgroup.procs"))
                    .contains(Long.toString(after.pid())));
        }
    }

    @Test
    @Order(7)
    void callsWithoutTheTokenAreRefused() {
        LocalCluster.Agent a = cluster.agent("dev-b");
        try (AgentClient stranger = AgentClient.connect(a.host(), a.port(), Token.of("not-the-token-0123456789"),
                CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
            RemoteCallException e = assertThrows(RemoteCallException.class, () -> stranger.hello("test"));
            assertEquals(Status.Code.UNAUTHENTICATED, e.code());
        }
    }

    @Test
    @Order(8)
    void closeLeavesNoProcessNoCgroupAndNoTemporaryFile() throws Exception {
        List<LocalCluster.Agent> agents = cluster.agents();
        Optional<Path> runDir = cluster.quotas().runDir();
        Path tokenDir = cluster.tokenFile().getParent();
        cluster.close();
        for (LocalCluster.Agent a : agents) {
            assertFalse(ProcessHandle.of(a.pid()).map(ProcessHandle::isAlive).orElse(false), a.name() + " still runs");
            a.cgroupDir().ifPresent(d -> assertFalse(Files.exists(d), d + " remains"));
        }
        runDir.ifPresent(d -> assertFalse(Files.exists(d), d + " remains"));
        assertFalse(Files.exists(tokenDir), tokenDir + " remains");
        cluster.close(); // idempotent
    }

    private static double max(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
