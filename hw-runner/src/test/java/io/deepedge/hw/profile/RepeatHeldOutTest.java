package io.deepedge.hw.profile;

import io.deepedge.models.profile.DesignPlan;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ProfiledDevice;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code profile --replicates}: which points are measured again, in what order, with which arrivals, and where the
 * repeats end up. The measurer records its calls and answers figures made from the call's number, so each repeat can
 * be traced to the call that measured it.
 */
class RepeatHeldOutTest {
    private static final long SEED = 7;

    private static DeviceProfiler.Settings settings(int replicates) {
        return new DeviceProfiler.Settings(DesignPlan.LATIN_HYPERCUBE, 4, 2, SEED, 1, 0.05, 0.85, 8, 64, replicates);
    }

    /** Four points, the second and the fourth held out, each measured once with figures 100 + its index. */
    private static List<ProfiledDevice.MeasuredPoint> design() {
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            design.add(new ProfiledDevice.MeasuredPoint(figures(new DesignPoint(8 + 8 * i, 10 + 10 * i), 100 + i),
                    i % 2 == 1));
        }
        return design;
    }

    private static Measurement figures(DesignPoint p, double v) {
        return new Measurement(p, v, v / 2, 1, 3);
    }

    private record Call(DesignPoint point, long seed) {
    }

    @Test
    void eachHeldOutPointIsMeasuredAgainRoundAfterRoundWithArrivalsOfItsOwn() throws Exception {
        List<Call> calls = new ArrayList<>();
        StringWriter out = new StringWriter();
        List<ProfiledDevice.MeasuredPoint> design = design();
        List<ProfiledDevice.MeasuredPoint> repeated = DeviceProfiler.repeatHeldOut("big", design, settings(3),
                (p, seed) -> {
                    calls.add(new Call(p, seed));
                    return figures(p, 200 + calls.size());
                }, new PrintWriter(out, true));
        // rounds 1 and 2, each over the held-out points 1 and 3 in the design's order; the design's own arrivals are
        // seeds 7 x 31 + 0..3, a round's 1000 further on per round
        assertEquals(List.of(new Call(design.get(1).measurement().point(), 217 + 1000 + 1),
                new Call(design.get(3).measurement().point(), 217 + 1000 + 3),
                new Call(design.get(1).measurement().point(), 217 + 2000 + 1),
                new Call(design.get(3).measurement().point(), 217 + 2000 + 3)), calls);
        assertEquals(4, repeated.size());
        for (int i = 0; i < 4; i++) {
            assertSame(design.get(i).measurement(), repeated.get(i).measurement());
            assertEquals(design.get(i).heldOut(), repeated.get(i).heldOut());
        }
        assertEquals(List.of(), repeated.get(0).repeats());
        assertEquals(List.of(), repeated.get(2).repeats());
        // the first and third calls measured point 1, the second and fourth point 3
        assertEquals(List.of(201.0, 203.0), repeated.get(1).repeats().stream()
                .map(Measurement::trainAloneSamplesPerSec).toList());
        assertEquals(List.of(202.0, 204.0), repeated.get(3).repeats().stream()
                .map(Measurement::trainAloneSamplesPerSec).toList());
        // each repeat on a progress line beside the point's first measurement
        assertTrue(out.toString().contains("  big 2/4 again (2 of 3): train 201.0 -> 100.5 samples/s, service 1.00"
                + " -> 3.00 ms (first: train 101.0 -> 50.5, service 1.00 -> 3.00)"), out.toString());
        assertTrue(out.toString().contains("  big 4/4 again (3 of 3): train 204.0"), out.toString());
    }

    @Test
    void oneReplicateMeasuresNothingAgainAndNoneIsRefused() throws Exception {
        List<ProfiledDevice.MeasuredPoint> design = design();
        assertSame(design, DeviceProfiler.repeatHeldOut("big", design, settings(1), (p, seed) -> {
            throw new AssertionError("measured " + p);
        }, null));
        assertThrows(IllegalArgumentException.class, () -> settings(0));
    }

    @Test
    void noRepeatDrawsTheArrivalsOfAnotherMeasurement() {
        // the largest design: 64 points and a third as many again (22), numbered 0..85
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        for (int i = 0; i < 86; i++) {
            seeds.add(SEED * 31 + i);
        }
        for (int round = 1; round < 5; round++) {
            for (int i = 0; i < 86; i++) {
                assertTrue(seeds.add(DeviceProfiler.repeatSeed(SEED, round, i)), round + ", " + i);
            }
        }
    }
}
