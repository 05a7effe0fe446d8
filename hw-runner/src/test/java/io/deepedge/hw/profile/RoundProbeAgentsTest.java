package io.deepedge.hw.profile;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.coordinator.TimedRounds;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.local.TestAgentMain;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.UpdaterSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rounds of two real local agents at once, through the testbed's calls and a real parameter server step. */
class RoundProbeAgentsTest {
    private static final NetworkSpec TINY_CNN = new NetworkSpec.Cnn(4, 8, 32);

    @Test
    void everyDeviceIsTimedInEveryRoundAndKeepsItsShareOfTheBatch() throws Exception {
        int rounds = RoundProbe.ROUNDS + 1;  // one untimed
        LabelledImages images = FashionMnist.subset().train().slice(0, 12 * rounds);
        MultiLayerNetwork net = TINY_CNN.build(28, 28, 10, 3, UpdaterSpec.sgd(0.01));
        float[] before = net.params().toFloatVector();
        Map<String, Double> speeds = new LinkedHashMap<>();
        speeds.put("a", 100.0);
        speeds.put("b", 50.0);
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("test-round-probe",
                List.of(new LocalCluster.Device("a", 1.0), new LocalCluster.Device("b", 1.0)),
                TestAgentMain.launcher(List.of())))) {
            TimedRounds.Timing f = RoundProbe.measure(cluster, speeds, 12, images, TINY_CNN, net);
            assertEquals(List.of("a", "b"), f.callBeyondComputeMs().keySet().stream().sorted().toList());
            // a call carries the parameters there and a gradient back, and the server's step updates real
            // parameters: neither is free
            for (double ms : f.callBeyondComputeMs().values()) {
                assertTrue(ms > 0 && ms < 10_000, f.toString());
            }
            assertTrue(f.serverStepMs() > 0 && f.serverStepMs() < 10_000, f.toString());
            // the probe trains a copy: the caller's network is untouched
            assertArrayEquals(before, net.params().toFloatVector());
            // 12 split 2 : 1 is 8 and 4 a round: a holds its rounds' shard, 8 samples a round, the last 8 answer
            try (AgentClient a = cluster.client("a", CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES)) {
                GradientResult g = a.gradient(100, 101, before, 8 * (rounds - 1), 8);
                assertEquals(8, g.sampleCount());
            }
        }
    }
}
