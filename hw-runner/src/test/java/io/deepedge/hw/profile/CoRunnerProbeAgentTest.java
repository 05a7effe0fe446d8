package io.deepedge.hw.profile;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.hw.local.TestAgentMain;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.UpdaterSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The co-runner probe against a real local agent: its figures are the agent's own compute CPU, and it cleans up. */
class CoRunnerProbeAgentTest {
    private static final NetworkSpec TINY_CNN = new NetworkSpec.Cnn(4, 8, 32);

    @Test
    void theProbeReportsTheAgentsComputeCpuAndTheCoRunnersCores() throws Exception {
        LabelledImages images = FashionMnist.subset().train().slice(0, 64);
        float[] params = TINY_CNN.build(28, 28, 10, 3, UpdaterSpec.sgd(0.01)).params().toFloatVector();
        int threads = Nd4j.getEnvironment().maxThreads();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.of("test-co-runner",
                List.of(new LocalCluster.Device("a", 1.0)), TestAgentMain.launcher(List.of())))) {
            CoRunnerProbe.Figures f = CoRunnerProbe.measure(cluster, "a", TINY_CNN, images, params, 8, 0.2);
            // a sample's gradient costs the agent's compute thread some CPU, alone and beside the co-runner
            assertTrue(f.aloneCpuMsPerSample() > 0 && Double.isFinite(f.aloneCpuMsPerSample()), f.toString());
            assertTrue(f.besideCpuMsPerSample() > 0 && Double.isFinite(f.besideCpuMsPerSample()), f.toString());
            // one thread's CPU over the wall time it was timed in: at most one core (a little for the clocks' grain)
            assertTrue(f.coRunnerCores() > 0 && f.coRunnerCores() <= 1.05, f.toString());
            assertEquals(Runtime.getRuntime().availableProcessors() - 1, f.otherCores());
            assertTrue(f.coRunnerSpeed() >= CoRunnerProbe.MIN_SPEED && f.coRunnerSpeed() <= 1, f.toString());
        }
        // the process's native threads are its own again
        assertEquals(threads, Nd4j.getEnvironment().maxThreads());
        // the co-runner thread has stopped
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("deepedge-co-runner")
                && t.isAlive()));
    }
}
