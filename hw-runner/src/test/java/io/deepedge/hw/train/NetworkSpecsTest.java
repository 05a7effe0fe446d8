package io.deepedge.hw.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkSpecsTest {
    @Test
    void everyArchitectureIsNamedByItsDescriptionAndTheAliases() {
        for (NetworkSpec spec : List.of(NetworkSpec.Cnn.LENET, new NetworkSpec.Cnn(4, 8, 32), new NetworkSpec.Mlp(7))) {
            assertEquals(spec, NetworkSpecs.parse(spec.describe()));
            assertEquals(spec, NetworkSpecs.parse(NetworkSpecs.configBytes(spec)));
        }
        assertEquals(NetworkSpec.Cnn.LENET, NetworkSpecs.parse("lenet"));
        assertEquals(new NetworkSpec.Mlp(100), NetworkSpecs.parse("mlp"));
    }

    @Test
    void unknownOrOversizedArchitecturesAreRefusedWithWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkSpecs.parse("{\"json\":1}"));
        assertTrue(e.getMessage().startsWith("unknown architecture ({\"json\":1}), expected lenet, mlp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpecs.parse("mlp(dense:0)"));
        assertEquals("hidden units 0, expected 1 .. 65536", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpecs.parameterCount(new NetworkSpec.Mlp(65536),
                1024, 1024, 10));
        assertTrue(e.getMessage().contains("expected at most 50000000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpecs.parameterCount(NetworkSpec.Cnn.LENET, 15, 28, 10));
        assertTrue(e.getMessage().contains("at least 16x16"), e.getMessage());
    }

    /** The count worked out from the layer shapes equals what DL4J allocates. */
    @Test
    void theParameterCountIsTheBuiltNetworks() {
        assertEquals(431_080, NetworkSpecs.parameterCount(NetworkSpec.Cnn.LENET, 28, 28, 10));
        for (NetworkSpec spec : List.of(NetworkSpec.Cnn.LENET, new NetworkSpec.Cnn(4, 8, 32), new NetworkSpec.Mlp(100))) {
            for (int[] shape : new int[][] {{28, 28, 10}, {16, 21, 3}}) {
                long built = spec.build(shape[0], shape[1], shape[2], 1, UpdaterSpec.sgd(1)).numParams();
                assertEquals(built, NetworkSpecs.parameterCount(spec, shape[0], shape[1], shape[2]),
                        spec.describe() + " on " + shape[0] + "x" + shape[1]);
            }
        }
    }
}
