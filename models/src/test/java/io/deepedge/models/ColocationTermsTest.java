package io.deepedge.models;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColocationTermsTest {
    @Test
    void theCoRunnerSpeedFollowsTheBusyShareOfTheOtherCores() {
        ColocationTerms t = ColocationTerms.NONE.withCoRunnerSpeed(0.8);
        // CPU a unit of work 1 + (1 / 0.8 - 1) x share = 1 + 0.25 x share
        assertEquals(1.0, t.coRunnerSpeedAt(0, 1), 1e-12);
        assertEquals(1 / 1.125, t.coRunnerSpeedAt(0.5, 1), 1e-12);
        assertEquals(0.8, t.coRunnerSpeedAt(1, 1), 1e-12);
        assertEquals(0.8, t.coRunnerSpeedAt(1.7, 1), 1e-12);  // no more than every other core busy
        assertEquals(1 / 1.125, t.coRunnerSpeedAt(1, 2), 1e-12);
        assertEquals(1.0, t.coRunnerSpeedAt(1, 0), 1e-12);  // a host of one core runs nothing beside it
        assertEquals(1.0, ColocationTerms.NONE.coRunnerSpeedAt(1, 1), 1e-12);
    }

    @Test
    void theTermCountsAsAChangeAndIsAFraction() {
        assertFalse(ColocationTerms.NONE.any());
        assertTrue(ColocationTerms.NONE.withCoRunnerSpeed(0.9).any());
        assertEquals(1.0, new ColocationTerms(0.75, 0.7, 0.85).coRunnerSpeed());
        assertEquals(0.9, new ColocationTerms(0.75, 0.7, 0.85).withCoRunnerSpeed(0.9).withTrainingCoresWhileServing(0.5)
                .coRunnerSpeed());
        for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ColocationTerms.NONE.withCoRunnerSpeed(bad));
            assertTrue(e.getMessage().contains("coRunnerSpeed"), e.getMessage());
        }
        // the cold request's speed: 1 in the terms written before it, kept by the other terms' setters
        assertEquals(1.0, new ColocationTerms(0.75, 0.7, 0.85, 0.9).coldRequestSpeed());
        assertTrue(ColocationTerms.NONE.withColdRequestSpeed(0.6).any());
        assertEquals(0.6, ColocationTerms.NONE.withColdRequestSpeed(0.6).withCoRunnerSpeed(0.9)
                .withTrainingCoresWhileServing(0.5).coldRequestSpeed());
        assertThrows(IllegalArgumentException.class, () -> ColocationTerms.NONE.withColdRequestSpeed(0));
    }
}
