package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ConfigLoader;
import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.RunOptions;
import io.deepedge.hw.coordinator.TestbedSetup;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.models.ServiceInstance;
import io.deepedge.sim.ArrivalTimes;
import io.deepedge.sim.RandomStreams;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The digital twin's arrivals: the setup {@code testbed} runs with hands each LC instance's load generator the
 * simulator's own arrival times ({@link ArrivalTimes}, which ArrivalTimesTest checks against the simulator's
 * queues), and the generator's schedule replays them exactly.
 */
class TwinArrivalsTest {
    @Test
    void theTestbedsGeneratorsScheduleTheSimulatorsArrivalTimes() throws Exception {
        GridPoint point = ConfigLoader.load(Path.of("configs/testbed-twin.yaml"),
                RunOptions.defaults().withCalibratedFigures()).gridPoints().get(0);
        // every figure comes from the profile file: no agent is called
        TestbedSetup setup = TestbedFigures.calibrate(point, null, Map.of("classifier", "m", "tagger", "m"), null, null,
                null);
        long runSeed = RandomStreams.runSeed(7, 1);
        double untilSec = point.scenario().metrics().toSec();
        for (ServiceInstance s : point.scenario().services()) {
            double[] sim = ArrivalTimes.of(s, runSeed, untilSec);
            assertTrue(sim.length > 100, s.id() + ": " + sim.length);
            ArrivalSchedule generator = ArrivalSchedule.ofTimes(setup.arrivals().timesSec(s, runSeed, untilSec));
            for (double t : sim) {
                assertEquals(t, generator.nextSec(), 0.0, s.id());
            }
            assertEquals(Double.POSITIVE_INFINITY, generator.nextSec(), s.id());
            // and not the draws testbed used before (ArrivalSchedule's own streams)
            assertFalse(java.util.Arrays.equals(sim, TestbedSetup.Arrivals.SAMPLED.timesSec(s, runSeed, untilSec)));
        }
        assertArrayEquals(ArrivalTimes.of(point.scenario().services().get(0), runSeed, untilSec),
                setup.arrivals().timesSec(point.scenario().services().get(0), runSeed, untilSec), 0.0);
    }

    @Test
    void aTwinConfigPlansWithItsProfileFileAloneAndRecordsItsFigures() throws Exception {
        GridPoint point = ConfigLoader.load(Path.of("configs/testbed-twin.yaml"),
                RunOptions.defaults().withCalibratedFigures()).gridPoints().get(0);
        TestbedSetup setup = TestbedFigures.calibrate(point, null, Map.of("classifier", "m", "tagger", "m"), null, null,
                null);
        // the manifest's rows: every figure from the config (its profile file), none calibrated (no agent asked)
        var used = setup.figures().used(point.scenario());
        assertEquals(3 * 3 + 2 * 2, used.size(), used.toString());
        assertTrue(used.stream().allMatch(u -> u.source().equals("config")), used.toString());
    }
}
