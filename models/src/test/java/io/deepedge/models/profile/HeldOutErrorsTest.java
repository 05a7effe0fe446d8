package io.deepedge.models.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Held-out errors pooled over devices: each point predicted by its own device's model, one median over them all.
 * The "measured" training throughputs are the models' own figures (written out here, not taken from the model)
 * divided by 1 + e, so each point's |relative error| is e exactly.
 */
class HeldOutErrorsTest {
    /** An iteration of b samples takes 0.02 + 0.002 b s on the first device, 0.01 + 0.004 b s on the second. */
    private static final InterferenceModel FIRST = new InterferenceModel(0.02, 0.002, 1, 0, 0, 1);
    private static final InterferenceModel SECOND = new InterferenceModel(0.01, 0.004, 1, 0, 0, 1);

    private static Measurement point(int batch, double iterationSec, double error) {
        double alone = batch / iterationSec / (1 + error);
        return new Measurement(new DesignPoint(batch, 1), alone, alone, 5, 5);
    }

    @Test
    void everyDevicesPointsMakeOneMedianEachPredictedByItsOwnModel() {
        // first device: batch 10 (0.04 s), error 0.10; second: batch 10 (0.05 s) 0.02, 20 (0.09 s) 0.04, 40 (0.17 s)
        // 0.06. Pooled {0.02, 0.04, 0.06, 0.10}: median 0.05, max 0.10; alone the devices' medians are 0.10 and 0.04
        HeldOutErrors.Fitted first = new HeldOutErrors.Fitted(FIRST, List.of(point(10, 0.04, 0.10)));
        HeldOutErrors.Fitted second = new HeldOutErrors.Fitted(SECOND,
                List.of(point(10, 0.05, 0.02), point(20, 0.09, 0.04), point(40, 0.17, 0.06)));
        HeldOutErrors pooled = HeldOutErrors.pooled(List.of(first, second));
        assertEquals(4, pooled.trainSamplesPerSec().points());
        assertEquals(0.05, pooled.trainSamplesPerSec().median(), 1e-12);
        assertEquals(0.10, pooled.trainSamplesPerSec().max(), 1e-12);
        assertEquals(0.10, HeldOutErrors.of(FIRST, first.heldOut()).trainSamplesPerSec().median(), 1e-12);
        assertEquals(0.04, HeldOutErrors.of(SECOND, second.heldOut()).trainSamplesPerSec().median(), 1e-12);
        // no interference in either model nor in the measurements: phi = 1 and slowdown 1 at every point
        assertEquals(0, pooled.serviceSlowdown().max(), 1e-12);
        assertEquals(0, pooled.trainingSlowdown().max(), 1e-12);
        assertEquals(4, pooled.trainingSlowdown().points());
    }

    @Test
    void aDeviceWithNothingHeldOutAddsNoPoint() {
        HeldOutErrors pooled = HeldOutErrors.pooled(List.of(new HeldOutErrors.Fitted(FIRST, List.of()),
                new HeldOutErrors.Fitted(SECOND, List.of(point(20, 0.09, 0.04)))));
        assertEquals(1, pooled.trainSamplesPerSec().points());
        assertEquals(0.04, pooled.trainSamplesPerSec().median(), 1e-12);
        assertEquals(new ErrorSummary(0, 0, 0), HeldOutErrors.pooled(List.of()).trainSamplesPerSec());
    }
}
