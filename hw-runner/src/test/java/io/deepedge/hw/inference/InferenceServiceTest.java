package io.deepedge.hw.inference;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.train.Batches;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.Arrivals;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An inference service serves from its own copy of the network, so training the original never touches it. */
class InferenceServiceTest {
    @Test
    void serviceKeepsItsOwnCopyWhileTheOriginalTrains() throws IOException, InterruptedException {
        LabelledImages images = FashionMnist.subset().test().slice(0, 20);
        MultiLayerNetwork original = new NetworkSpec.Mlp(16).build(28, 28, 10, 1, UpdaterSpec.sgd(0.5));
        float[] atCopy = original.params().toFloatVector();
        InferenceService service = new InferenceService("mlp", original, images);
        assertNotSame(original, service.network());

        original.fit(Batches.of(FashionMnist.subset().train(), 0, 64));
        assertFalse(java.util.Arrays.equals(atCopy, original.params().toFloatVector()), "the original trained");
        assertArrayEquals(atCopy, service.network().params().toFloatVector(), 0f, "the service's copy did not");

        OpenLoopRun.Outcome run = OpenLoopRun.run(service, ArrivalSchedule.of(new Arrivals.Poisson(200), 1), 0.2, 5);
        long finished = run.timings().stream().filter(RequestTiming::finished).count();
        assertEquals(run.timings().size(), finished);
        assertTrue(finished > 10);
        assertTrue(service.servedAccuracy() >= 0 && service.servedAccuracy() <= 1);
        assertTrue(service.describe().contains("batch 1"));
    }
}
