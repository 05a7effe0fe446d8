package io.deepedge.models.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A design point measured more than once ({@code profile --replicates}): the mean of its measurements, what the
 * held-out errors are read against, and how far its measurements lie apart. Every expected figure is worked out by
 * hand in the comments.
 */
class RepeatSpreadTest {
    private static final DesignPoint A = new DesignPoint(16, 40);
    private static final DesignPoint B = new DesignPoint(32, 80);
    private static final DesignPoint C = new DesignPoint(64, 20);

    /** train alone, train beside the services (samples/s), service alone, service beside training (ms). */
    private static Measurement m(DesignPoint p, double alone, double together, double serviceAlone,
                                 double serviceTogether) {
        return new Measurement(p, alone, together, serviceAlone, serviceTogether);
    }

    @Test
    void theMeanOfMeasurementsAveragesEachFigureAndTheSlowdownsFollowFromTheMeans() {
        Measurement mean = Measurement.mean(List.of(m(A, 100, 50, 2, 6), m(A, 120, 70, 4, 10)));
        assertEquals(m(A, 110, 60, 3, 8), mean);
        // 8 / 3, not the mean of the points' ratios (3 and 2.5)
        assertEquals(8.0 / 3, mean.serviceSlowdown(), 1e-12);
        assertEquals(110.0 / 60, mean.trainingSlowdown(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Measurement.mean(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Measurement.mean(List.of(m(A, 100, 50, 2, 6), m(B, 100, 50, 2, 6))));
    }

    @Test
    void aPointIsAveragedOverItsFirstMeasurementAndItsRepeats() {
        Measurement first = m(A, 100, 50, 2, 6);
        ProfiledDevice.MeasuredPoint once = new ProfiledDevice.MeasuredPoint(first, true);
        assertSame(first, once.averaged());
        assertEquals(List.of(), once.repeats());
        ProfiledDevice.MeasuredPoint thrice = new ProfiledDevice.MeasuredPoint(first, true,
                List.of(m(A, 110, 55, 3, 9), m(A, 90, 60, 4, 12)));
        // (100 + 110 + 90) / 3, (50 + 55 + 60) / 3, (2 + 3 + 4) / 3, (6 + 9 + 12) / 3
        assertEquals(m(A, 100, 55, 3, 9), thrice.averaged());
        assertThrows(IllegalArgumentException.class,
                () -> new ProfiledDevice.MeasuredPoint(first, true, List.of(m(B, 100, 50, 2, 6))));
    }

    @Test
    void theHeldOutPointsAreAveragedAndTheFittedOnesLeftOut() {
        List<ProfiledDevice.MeasuredPoint> design = List.of(
                new ProfiledDevice.MeasuredPoint(m(A, 100, 50, 2, 6), false),
                new ProfiledDevice.MeasuredPoint(m(B, 200, 80, 2, 4), true, List.of(m(B, 220, 100, 4, 6))),
                new ProfiledDevice.MeasuredPoint(m(C, 300, 150, 5, 5), true));
        assertEquals(List.of(m(B, 210, 90, 3, 5), m(C, 300, 150, 5, 5)), HeldOutErrors.heldOutPoints(design));
    }

    @Test
    void eachRepeatIsSetAgainstItsPointsFirstMeasurement() {
        List<ProfiledDevice.MeasuredPoint> points = List.of(
                // A: first (100, 50, 2, 6): service slowdown 3, training slowdown 2
                new ProfiledDevice.MeasuredPoint(m(A, 100, 50, 2, 6), true, List.of(
                        m(A, 110, 50, 2, 6),       // +10 % alone; slowdowns 3 and 2.2 (+10 %)
                        m(A, 80, 55, 2.5, 6.6))),  // -20 %, +10 %, service 2.64 (-12 %), training 80/55 (-27.27 %)
                // B measured once: adds nothing
                new ProfiledDevice.MeasuredPoint(m(B, 500, 100, 1, 9), true),
                // C: the same figures again, every difference 0
                new ProfiledDevice.MeasuredPoint(m(C, 200, 100, 4, 8), false, List.of(m(C, 200, 100, 4, 8))));
        RepeatSpread r = RepeatSpread.of(points);
        assertTrue(r.evaluated());
        // alone: {0.10, 0.20, 0} -> median 0.10, max 0.20
        assertEquals(new ErrorSummary(0.10, 0.20, 3), rounded(r.trainSamplesPerSec()));
        // service slowdown: {0, 0.12, 0} -> median 0, max 0.12
        assertEquals(new ErrorSummary(0, 0.12, 3), rounded(r.serviceSlowdown()));
        // training slowdown: {0.10, 1 - (80 / 55) / 2 = 0.272727..., 0} -> median 0.10
        assertEquals(0.10, r.trainingSlowdown().median(), 1e-12);
        assertEquals(1 - 80.0 / 55 / 2, r.trainingSlowdown().max(), 1e-12);
        // beside the services: {0, 0.10, 0}; service beside training: {0, 0.10, 0}
        assertEquals(new ErrorSummary(0, 0.10, 3), rounded(r.trainColocatedSamplesPerSec()));
        assertEquals(new ErrorSummary(0, 0.10, 3), rounded(r.serviceColocatedMeanMs()));
    }

    @Test
    void pointsMeasuredOnceHaveNoSpread() {
        assertFalse(RepeatSpread.NONE.evaluated());
        RepeatSpread once = RepeatSpread.of(List.of(new ProfiledDevice.MeasuredPoint(m(A, 100, 50, 2, 6), true)));
        assertFalse(once.evaluated());
        assertEquals(RepeatSpread.NONE, once);
    }

    private static ErrorSummary rounded(ErrorSummary e) {
        return new ErrorSummary(Math.round(e.median() * 1e12) / 1e12, Math.round(e.max() * 1e12) / 1e12, e.points());
    }
}
