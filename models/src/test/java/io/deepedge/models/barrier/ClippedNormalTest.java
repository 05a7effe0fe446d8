package io.deepedge.models.barrier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The clipped normal reproduces the mean and variance it is fitted to, over the whole attainable range. */
class ClippedNormalTest {
    @Test
    void fitsMeanAndVarianceAcrossTheAttainableRange() {
        for (double m = 0.01; m < 1; m += 0.049) {
            for (double share = 0.001; share < 0.99; share *= 1.7) {
                double v = share * m * (1 - m);
                ClippedNormal c = ClippedNormal.fit(m, v);
                assertEquals(m, c.mean(), 1e-6, "mean at m=" + m + " v=" + v);
                assertEquals(v, c.variance(), 1e-6 + 1e-4 * v, "variance at m=" + m + " v=" + v);
            }
        }
    }
}
