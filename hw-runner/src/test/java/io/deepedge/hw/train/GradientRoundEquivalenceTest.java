package io.deepedge.hw.train;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A synchronous round - agents' summed gradients of uneven slices, one updater step at the server - equals
 * one single-process {@code fit} step on the concatenated batch, for the runner's LeNet and its updater (Adam),
 * Nesterov momentum and plain SGD. Two rounds, so Adam's bias correction sees the server's iteration count
 * advance; two-way (40 + 24) and three-way (11 + 40 + 13) splits of 64.
 */
class GradientRoundEquivalenceTest {
    private static final int GLOBAL_BATCH = 64;
    private static final int ROUNDS = 2;
    private static final double TOLERANCE = 1e-5;
    private static final long SEED = 7;
    private static final int[][] SPLITS = {{40, 24}, {11, 40, 13}};
    private static LabelledImages train;

    @BeforeAll
    static void load() throws IOException {
        train = FashionMnist.subset().train().slice(0, GLOBAL_BATCH * ROUNDS);
    }

    static Stream<UpdaterSpec> updaters() {
        return Stream.of(UpdaterSpec.runnerDefault(), UpdaterSpec.nesterovs(0.01, 0.9), UpdaterSpec.sgd(0.05));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updaters")
    void roundOfSummedSliceGradientsEqualsOneFitStepOnTheWholeBatch(UpdaterSpec updater) {
        MultiLayerNetwork reference = build(updater);
        float[] initial = reference.params().toFloatVector();
        for (int round = 0; round < ROUNDS; round++) {
            reference.fit(Batches.of(train, round * GLOBAL_BATCH, (round + 1) * GLOBAL_BATCH));
        }
        float[] expected = reference.params().toFloatVector();
        // the comparison has teeth: training moved the parameters by far more than the tolerance
        assertTrue(maxAbsDiff(initial, expected) > 100 * TOLERANCE, "the parameters hardly moved");

        for (int[] split : SPLITS) {
            assertEquals(GLOBAL_BATCH, Arrays.stream(split).sum());
            ParameterServerStep server = new ParameterServerStep(build(updater));
            List<GradientComputer> agents = agents(updater, split.length);
            for (int round = 0; round < ROUNDS; round++) {
                server.apply(gradients(agents, server.params(), split, round * GLOBAL_BATCH));
            }
            assertArrayEquals(expected, server.params(), (float) TOLERANCE, "split " + Arrays.toString(split));
            assertEquals(ROUNDS, server.iteration());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updaters")
    void averagingSliceMeansWithEqualWeightsIsADifferentStep(UpdaterSpec updater) {
        // negative control: equal weights for a 40 + 24 split move the parameters elsewhere by more than 10x the
        // tolerance, so the test above catches a wrong weighting
        int[] split = SPLITS[0];
        ParameterServerStep weighted = new ParameterServerStep(build(updater));
        ParameterServerStep equal = new ParameterServerStep(build(updater));
        List<LocalGradient> parts = gradients(agents(updater, split.length), weighted.params(), split, 0);
        weighted.apply(parts);
        List<LocalGradient> equalWeights = new ArrayList<>();
        for (LocalGradient g : parts) {
            float scale = (float) GLOBAL_BATCH / (split.length * g.examples());
            float[] scaled = g.sum().clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= scale;
            }
            equalWeights.add(new LocalGradient(scaled, g.examples(), g.meanLoss()));
        }
        equal.apply(equalWeights);
        assertTrue(maxAbsDiff(weighted.params(), equal.params()) > 10 * TOLERANCE);
    }

    @Test
    void restoredCheckpointContinuesExactlyLikeTheUninterruptedServer() {
        UpdaterSpec adam = UpdaterSpec.runnerDefault();
        int[] split = SPLITS[0];
        List<GradientComputer> agents = agents(adam, split.length);
        ParameterServerStep uninterrupted = new ParameterServerStep(build(adam));
        uninterrupted.apply(gradients(agents, uninterrupted.params(), split, 0));
        TrainingState checkpoint = uninterrupted.state();
        assertEquals(2L * checkpoint.params().length, checkpoint.updaterState().length, "Adam keeps two moments");

        // a fresh server with different initial weights, restored from the checkpoint
        ParameterServerStep resumed = new ParameterServerStep(
                NetworkSpec.Cnn.LENET.build(28, 28, FashionMnist.CLASSES, SEED + 1, adam));
        resumed.restore(checkpoint);
        uninterrupted.apply(gradients(agents, uninterrupted.params(), split, GLOBAL_BATCH));
        resumed.apply(gradients(agents, resumed.params(), split, GLOBAL_BATCH));
        assertArrayEquals(uninterrupted.params(), resumed.params(), 0f);
        assertEquals(uninterrupted.state().iteration(), resumed.state().iteration());
        assertArrayEquals(uninterrupted.state().updaterState(), resumed.state().updaterState(), 0f);
    }

    private static List<GradientComputer> agents(UpdaterSpec updater, int count) {
        List<GradientComputer> agents = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            // each agent's own network; its initial weights are overwritten by the server's every round
            agents.add(new GradientComputer(NetworkSpec.Cnn.LENET.build(28, 28, FashionMnist.CLASSES, SEED + 10 + j, updater)));
        }
        return agents;
    }

    private static List<LocalGradient> gradients(List<GradientComputer> agents, float[] params, int[] split, int first) {
        List<LocalGradient> parts = new ArrayList<>();
        int from = first;
        for (int j = 0; j < split.length; j++) {
            parts.add(agents.get(j).compute(params, Batches.of(train, from, from + split[j])));
            from += split[j];
        }
        return parts;
    }

    private static MultiLayerNetwork build(UpdaterSpec updater) {
        return NetworkSpec.Cnn.LENET.build(28, 28, FashionMnist.CLASSES, SEED, updater);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
