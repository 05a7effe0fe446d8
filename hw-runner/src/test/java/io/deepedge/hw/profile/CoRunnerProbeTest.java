package io.deepedge.hw.profile;

import io.deepedge.models.TrainingCpu;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoRunnerProbeTest {
    /** Phases of {@code samples} each at the given CPU a sample. */
    private static List<TrainingCpu> phases(long samples, double... msPerSample) {
        return java.util.Arrays.stream(msPerSample).mapToObj(ms -> new TrainingCpu(ms * samples, samples)).toList();
    }

    @Test
    void theGrowthIsScaledToEveryOtherCoreBusy() {
        // 10 % more CPU a sample beside a co-runner on a whole other core of one: speed 1 / 1.1
        assertEquals(1 / 1.1, CoRunnerProbe.speedBesideAllOtherCores(0.1, 1.0, 1), 1e-12);
        // the co-runner on half a core of one: the same growth is half the busy share's, 20 % with it all busy
        assertEquals(1 / 1.2, CoRunnerProbe.speedBesideAllOtherCores(0.1, 0.5, 1), 1e-12);
        // one core of three other cores busy: 10 % at a third, 30 % with all three
        assertEquals(1 / 1.3, CoRunnerProbe.speedBesideAllOtherCores(0.1, 1.0, 3), 1e-12);
        // more than the other cores' worth of co-runner counts as all of them
        assertEquals(1 / 1.1, CoRunnerProbe.speedBesideAllOtherCores(0.1, 1.4, 1), 1e-12);
    }

    @Test
    void nothingMeasuredLeavesTheWorkUnaffected() {
        assertEquals(1.0, CoRunnerProbe.speedBesideAllOtherCores(-0.05, 1.0, 1));  // cheaper beside it: noise
        assertEquals(1.0, CoRunnerProbe.speedBesideAllOtherCores(0, 1.0, 1));
        assertEquals(1.0, CoRunnerProbe.speedBesideAllOtherCores(0.2, 0.1, 1));  // the co-runner hardly ran
        assertEquals(1.0, CoRunnerProbe.speedBesideAllOtherCores(0.2, 1.0, 0));  // no other core
        assertEquals(1.0, CoRunnerProbe.speedBesideAllOtherCores(Double.NaN, 1.0, 1));
        // a host disturbed beyond any co-runner's doing is capped at the slowest speed taken
        assertEquals(CoRunnerProbe.MIN_SPEED, CoRunnerProbe.speedBesideAllOtherCores(4.0, 1.0, 1));
    }

    @Test
    void eachPhaseBesideIsComparedWithTheTwoAloneAroundIt() {
        // alone 2.0, 2.1, 2.0, 2.0; beside 2.3, 2.2, 2.4: growths 2.3 / 2.05 - 1 = 0.12195, 2.2 / 2.05 - 1 =
        // 0.07317, 2.4 / 2.0 - 1 = 0.2; median 0.12195. Consecutive alone phases at most 5 % apart (2.0 -> 2.1).
        // Pooled over 100 samples a phase alone and 50 beside: 8.1 / 4 = 2.025 and 6.9 / 3 = 2.3.
        CoRunnerProbe.Figures f = CoRunnerProbe.figures(phases(100, 2.0, 2.1, 2.0, 2.0), phases(50, 2.3, 2.2, 2.4),
                0.9, 1);
        assertEquals(2.3 / 2.05 - 1, f.growth(), 1e-12);
        assertEquals(2.2 / 2.05 - 1, f.leastGrowth(), 1e-12);
        assertEquals(0.05, f.aloneSpread(), 1e-12);
        assertEquals(2.025, f.aloneCpuMsPerSample(), 1e-12);
        assertEquals(2.3, f.besideCpuMsPerSample(), 1e-12);
        assertTrue(f.resolved());
        assertEquals(1 / (1 + (2.3 / 2.05 - 1) / 0.9), f.coRunnerSpeed(), 1e-12);
    }

    @Test
    void everyTurnMustStandOutOfTheHostsOwnMovement() {
        // alone 2.0, 2.046, 2.0, 2.0 (2.3 % apart at most); beside 2.06, 2.1, 2.1: growths 2.06 / 2.023 - 1 = 1.8 %,
        // 2.1 / 2.023 - 1 = 3.8 %, 2.1 / 2.0 - 1 = 5 %. The median clears the spread, the first turn does not
        CoRunnerProbe.Figures f = CoRunnerProbe.figures(phases(100, 2.0, 2.046, 2.0, 2.0),
                phases(50, 2.06, 2.1, 2.1), 0.9, 1);
        assertEquals(0.023, f.aloneSpread(), 1e-12);
        assertTrue(f.growth() > f.aloneSpread());
        assertEquals(2.06 / 2.023 - 1, f.leastGrowth(), 1e-12);
        assertFalse(f.resolved());
        assertEquals(1.0, f.coRunnerSpeed());
    }

    @Test
    void aGrowthWithinTheHostsOwnMovementIsNotTaken() {
        // the alone phases move by 10 % on their own (2.0 -> 2.2): a 5 % growth beside the co-runner is not resolved
        CoRunnerProbe.Figures f = CoRunnerProbe.figures(phases(100, 2.0, 2.2, 2.1, 2.1), phases(50, 2.2, 2.25, 2.2),
                1.0, 1);
        assertEquals(0.1, f.aloneSpread(), 1e-12);
        assertFalse(f.resolved());
        assertEquals(1.0, f.coRunnerSpeed());
        assertThrows(IllegalArgumentException.class, () -> CoRunnerProbe.figures(phases(1, 2.0), phases(1, 2.0), 1, 1));
    }
}
