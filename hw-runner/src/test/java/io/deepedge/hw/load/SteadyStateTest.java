package io.deepedge.hw.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settling rule of the warm-ups on hand-made series (windows of 10; the last against the 20 before). */
class SteadyStateTest {
    private static List<Double> series(double... blocksOfTen) {
        List<Double> ms = new ArrayList<>();
        for (double v : blocksOfTen) {
            ms.addAll(Collections.nCopies(10, v));
        }
        return ms;
    }

    @Test
    void aFlatSeriesSettlesAfterThreeWindows() {
        assertFalse(SteadyState.settled(series(200, 200)), "20 times: too few to compare");
        assertTrue(SteadyState.settled(series(200, 200, 200)));
    }

    @Test
    void aSeriesStillFallingByMoreThanTheToleranceHasNotSettled() {
        // last window 300, the 20 before have median (400 + 400) / 2 = 400: 300 < 0.9 x 400
        assertFalse(SteadyState.settled(series(400, 400, 300)));
        // 365 >= 0.9 x 400 = 360: within the tolerance
        assertTrue(SteadyState.settled(series(400, 400, 365)));
        // the earlier median straddles the step: 20 values 500 x 10 and 300 x 10 -> median 400; 300 < 360
        assertFalse(SteadyState.settled(series(500, 300, 300)));
        assertTrue(SteadyState.settled(series(500, 300, 300, 300)));
    }

    @Test
    void aRisingSeriesHasSettled() {
        // slower at the end (load beside it) is not JIT warm-up: nothing more is gained by waiting
        assertTrue(SteadyState.settled(series(200, 200, 400)));
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.5, SteadyState.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-12);
        assertEquals(3.0, SteadyState.median(List.of(5.0, 1.0, 3.0)), 1e-12);
    }
}
