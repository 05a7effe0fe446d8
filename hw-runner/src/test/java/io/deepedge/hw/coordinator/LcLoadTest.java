package io.deepedge.hw.coordinator;

import io.deepedge.hw.agent.AgentServer;
import io.deepedge.hw.agent.AgentServerConfig;
import io.deepedge.hw.agent.InferenceHost;
import io.deepedge.hw.agent.InvalidShardException;
import io.deepedge.hw.agent.ServiceWindowStats;
import io.deepedge.hw.cluster.AgentCluster;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.rpc.ClientSecurity;
import io.deepedge.hw.rpc.ServiceSpec;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.models.Arrivals;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.metrics.MetricsWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The testbed's LC load against a real agent server on 127.0.0.1 whose service answers at once: it runs until the
 * metrics window's end or the job's, whichever is later (as the simulator's services keep arriving while its job
 * runs), and only the window's arrivals are judged.
 */
class LcLoadTest {
    private static final Token TOKEN = Token.of("0123456789abcdef0123456789abcdef-lc-load-test");
    /** One request every 50 ms, the first at 25 ms: arrival k at 0.025 + 0.05 k seconds. */
    private static final double GAP_SEC = 0.05;
    private static final double FIRST_SEC = 0.025;
    private static final MetricsWindow WINDOW = new MetricsWindow(0, 0.5);
    private static final double HORIZON_SEC = 30;

    /** Arrivals at fixed times, independent of seed and instance, up to the limit LcLoad asks for. */
    private static final TestbedSetup.Arrivals EVERY_50_MS = (instance, seed, untilSec) -> {
        int n = (int) Math.ceil((untilSec - FIRST_SEC) / GAP_SEC);
        double[] t = new double[Math.max(0, n)];
        for (int k = 0; k < t.length; k++) {
            t[k] = FIRST_SEC + GAP_SEC * k;
        }
        return t;
    };

    @Test
    void theLoadGoesOnPastTheWindowWhileTheJobRunsAndOnlyTheWindowsArrivalsAreJudged(@TempDir Path dir)
            throws Exception {
        Host host = new Host();
        try (AgentServer server = start(host)) {
            RunClock clock = RunClock.start();
            LcLoad load = LcLoad.start(List.of(instance()), cluster(server, dir), 7, WINDOW, HORIZON_SEC, clock,
                    images(), 0, EVERY_50_MS);
            LcLoad.Outcome outcome;
            double jobEndSec;
            try {
                Coordinator.sleepUntil(clock, 1.2); // the job ends 0.7 s after the window
                jobEndSec = clock.sec(System.nanoTime());
                outcome = load.finish(new TrainingIntervals());
            } finally {
                load.close();
            }
            // every request scheduled before the job's end reached the agent: 0.025 ... < jobEndSec (24 at 1.2 s);
            // a load that stopped at the window's end sent 10
            int scheduledBeforeJobEnd = (int) Math.ceil((jobEndSec - FIRST_SEC) / GAP_SEC);
            assertTrue(scheduledBeforeJobEnd >= 24, "job end " + jobEndSec);
            assertTrue(host.received.size() >= scheduledBeforeJobEnd,
                    host.received.size() + " requests served, " + scheduledBeforeJobEnd + " scheduled before " + jobEndSec);
            // the window [0, 0.5) holds the arrivals at 0.025 ... 0.475: 10, every one answered in it
            assertEquals(1, outcome.services().size());
            assertEquals(10, outcome.services().get(0).window().requests());
            assertEquals(0, outcome.services().get(0).window().unfinished());
            assertEquals(10, outcome.totals().requests());
        }
    }

    @Test
    void aJobThatEndsInsideTheWindowLeavesTheLoadRunningToTheWindowsEnd(@TempDir Path dir) throws Exception {
        Host host = new Host();
        try (AgentServer server = start(host)) {
            RunClock clock = RunClock.start();
            LcLoad load = LcLoad.start(List.of(instance()), cluster(server, dir), 7, WINDOW, HORIZON_SEC, clock,
                    images(), 0, EVERY_50_MS);
            LcLoad.Outcome outcome;
            try {
                outcome = load.finish(new TrainingIntervals()); // the job ended at once
            } finally {
                load.close();
            }
            assertTrue(clock.sec(System.nanoTime()) >= WINDOW.toSec());
            assertTrue(host.received.size() >= 10, host.received.size() + " requests served");
            assertEquals(10, outcome.services().get(0).window().requests());
            assertEquals(10, outcome.totals().requests());
        }
    }

    @Test
    void theJobViewHoldsTheArrivalsWhileTrainingRanOnAnyDeviceAndTheCoLocationViewThoseOnItsOwn(@TempDir Path dir)
            throws Exception {
        Host host = new Host();
        try (AgentServer server = start(host)) {
            TrainingIntervals training = new TrainingIntervals();
            training.start(List.of("b"), 0.1);   // another device: arrivals 0.125, 0.175, 0.225, 0.275
            training.stop(0.3);
            training.start(List.of("a"), 0.35);  // the instance's own device: arrivals 0.375, 0.425
            training.stop(0.45);
            RunClock clock = RunClock.start();
            LcLoad load = LcLoad.start(List.of(instance()), cluster(server, dir), 7, WINDOW, HORIZON_SEC, clock,
                    images(), 0, EVERY_50_MS);
            LcLoad.Outcome outcome;
            try {
                outcome = load.finish(training);
            } finally {
                load.close();
            }
            var stats = outcome.services().get(0);
            assertEquals(10, stats.window().requests());
            assertEquals(6, stats.job().requests());
            assertEquals(2, stats.colocation().requests());
            assertTrue(stats.colocated());
        }
    }

    private static ServiceInstance instance() {
        return new ServiceInstance("lc", "a", new Arrivals.Poisson(20), new ServiceTime.Constant(1), 1000, 0.99);
    }

    private static LabelledImages images() {
        return new LabelledImages("test", 2, 2, 2, new byte[8], new byte[] {0, 1});
    }

    private static AgentServer start(Host host) throws Exception {
        return AgentServer.start(AgentServerConfig.loopback("a", 0), TOKEN,
                DeviceInfo.newBuilder().setName("a").setCores(1).build(), (spec, data) -> {
                    throw new InvalidShardException("no training here");
                }, host);
    }

    private static AgentCluster cluster(AgentServer server, Path dir) {
        return new AgentCluster() {
            @Override
            public Endpoint agent(String device) {
                return new Loopback(device, "127.0.0.1", server.port());
            }

            @Override
            public Token token() {
                return TOKEN;
            }

            @Override
            public ClientSecurity security() {
                return ClientSecurity.plaintext();
            }

            @Override
            public Path workDir() {
                return dir;
            }

            @Override
            public void close() {
            }
        };
    }

    private record Loopback(String name, String host, int port) implements AgentCluster.Endpoint {
    }

    /** A service that answers every request at once and keeps the ids it was asked for. */
    private static final class Host implements InferenceHost {
        final List<Long> received = new CopyOnWriteArrayList<>();

        @Override
        public List<String> start(List<ServiceSpec> services) {
            return services.stream().map(ServiceSpec::serviceId).toList();
        }

        @Override
        public void stop() {
        }

        @Override
        public CompletionStage<byte[]> infer(String serviceId, long requestId, long scheduledArrivalUnixNanos,
                                             byte[] input) {
            received.add(requestId);
            return CompletableFuture.completedFuture(new byte[0]);
        }

        @Override
        public List<ServiceWindowStats> drainWindow() {
            return List.of();
        }
    }
}
