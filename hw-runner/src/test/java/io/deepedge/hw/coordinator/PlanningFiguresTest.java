package io.deepedge.hw.coordinator;

import io.deepedge.models.Arrivals;
import io.deepedge.models.BatchPoint;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fake calibration measurements become the figures of the planning request as DEEP-EDGE.md defines them; figures
 * the config gives are kept; the manifest rows name each figure's source. Expected values are worked out by hand.
 */
class PlanningFiguresTest {
    private static final double EPS = 1e-9;
    /** The config's placeholders (what the loader puts where the testbed calibrates). */
    private static final DeviceProfile PLACEHOLDER = new DeviceProfile(1, 1024, Interference.NONE,
            new TrainingMemory(100, 2), List.of());

    private static Scenario scenario() {
        Device calibrated = new Device("big", "", PLACEHOLDER, new Link(1000, 1));
        Device given = new Device("given", "", new DeviceProfile(50, 2048, new Interference(3, 1.5)), new Link(1000, 1));
        Device idle = new Device("idle", "", PLACEHOLDER, new Link(1000, 1));
        List<ServiceInstance> services = List.of(
                new ServiceInstance("classifier", "big", new Arrivals.Poisson(20), new ServiceTime.Constant(1), 50, 0.99),
                new ServiceInstance("tagger", "big", new Arrivals.Poisson(5), new ServiceTime.Constant(1), 500, 0.99),
                new ServiceInstance("tagger", "given", new Arrivals.Poisson(5), new ServiceTime.Constant(1), 500, 0.99),
                new ServiceInstance("fixed", "given", new Arrivals.Poisson(5), new ServiceTime.Constant(4), 500, 0.99));
        TrainingJob job = new TrainingJob("lenet", 1280, 1, 64, 1_724_320, 785, Topology.PARAMETER_SERVER, 10, 5);
        return new Scenario("t", 60, List.of(calibrated, given, idle), services, Optional.of(job), List.of(),
                new Link(1000, 1));
    }

    private static CalibrationMeasurements big() {
        // batch 64 measured faster per iteration than batch 32 would allow: 32 at 100/s is 0.32 s per iteration,
        // 64 at 210/s is 0.305 s, so 64 is held at 0.32 s, i.e. 200 samples/s
        return new CalibrationMeasurements("big", 1.0, 3, List.of(
                new CalibrationMeasurements.BatchRate(16, 200, 80),
                new CalibrationMeasurements.BatchRate(32, 320, 100),
                new CalibrationMeasurements.BatchRate(64, 305, 210)),
                Map.of("classifier", new CalibrationMeasurements.ServiceTimes(5, 0.4, 20, 0.9),
                        "tagger", new CalibrationMeasurements.ServiceTimes(10, 0.2, 30, 0.5)),
                30, 0.5, 32, 100, 80, 0.4);
    }

    private static CalibrationMeasurements given() {
        return new CalibrationMeasurements("given", 0.5, 3, List.of(new CalibrationMeasurements.BatchRate(64, 640, 100)),
                Map.of("tagger", new CalibrationMeasurements.ServiceTimes(8, 0, 16, 0.1),
                        "fixed", new CalibrationMeasurements.ServiceTimes(2, 0.1, 2, 0.1)),
                30, 0.25, 32, 100, 90, 0.5);
    }

    private static CalibrationMeasurements idle() {
        return new CalibrationMeasurements("idle", 0.25, 3, List.of(new CalibrationMeasurements.BatchRate(16, 400, 40),
                new CalibrationMeasurements.BatchRate(64, 1280, 50)), Map.of(), 0, 0.125, 32, 0, 0, 0);
    }

    private static FigureSources sources() {
        return new FigureSources(Map.of("given", EnumSet.of(FigureSources.Figure.TRAIN_SAMPLES_PER_SEC,
                FigureSources.Figure.TRAINING_SLOWDOWN)), Set.of("fixed"));
    }

    private static PlanningRequest request() {
        PlanningFigures figures = new PlanningFigures(sources(), Map.of("big", big(), "given", given(), "idle", idle()));
        return PlanningRequests.atSubmission(figures.planningScenario(scenario()), 7, 5);
    }

    private static DeviceProfile profile(PlanningRequest r, String device) {
        return r.devices().stream().map(DeviceState::device).filter(d -> d.name().equals(device)).findFirst()
                .orElseThrow().profile();
    }

    private static ServiceTime time(PlanningRequest r, String service, String device) {
        return r.services().stream().map(ServiceLoad::instance)
                .filter(s -> s.service().equals(service) && s.device().equals(device)).findFirst().orElseThrow()
                .serviceTime();
    }

    @Test
    void calibratedFiguresReachThePlanningRequest() {
        PlanningRequest r = request();
        DeviceProfile big = profile(r, "big");
        // phi: the classifier's means give 20 / 5 = 4, its second moments 20^2 (1 + 0.9^2) / (5^2 (1 + 0.4^2)) =
        // 16 x 1.81 / 1.16, i.e. a factor 4 sqrt(1.81 / 1.16) = 4.9966; the tagger's 3 and 3 sqrt(1.25 / 1.04) = 3.29
        double phi = 4 * Math.sqrt(1.81 / 1.16);
        assertEquals(phi, big.interference().serviceSlowdown(), EPS);
        // sigma: f = 80 / 100 = 0.8 over busy 0.4: 1 / (1 - 0.2 / 0.4) = 2
        assertEquals(2, big.interference().trainingSlowdown(), EPS);
        assertEquals(List.of(new BatchPoint(16, 80, phi, 100 + 2 * 16), new BatchPoint(32, 100, phi, 100 + 2 * 32),
                new BatchPoint(64, 200, phi, 100 + 2 * 64)), big.batches());
        assertEquals(200, big.trainSamplesPerSec(), EPS);
        assertEquals(1024, big.memoryMiB(), EPS);
        assertEquals(new ServiceTime.Lognormal(5, 0.4), time(r, "classifier", "big"));
        assertEquals(new ServiceTime.Lognormal(10, 0.2), time(r, "tagger", "big"));
    }

    @Test
    void givenFiguresAreKeptAndOnlyTheOthersCalibrated() {
        PlanningRequest r = request();
        DeviceProfile given = profile(r, "given");
        assertEquals(50, given.trainSamplesPerSec(), EPS);
        assertEquals(List.of(), given.batches());
        assertEquals(1.5, given.interference().trainingSlowdown(), EPS);
        // calibrated: the tagger's 16 / 8 = 2 by mean, 2 sqrt(1.01 / 1) by second moment; the fixed service's 1
        assertEquals(2 * Math.sqrt(1.01), given.interference().serviceSlowdown(), EPS);
        assertEquals(new ServiceTime.Constant(8), time(r, "tagger", "given")); // CV 0 measured: deterministic
        assertEquals(new ServiceTime.Constant(4), time(r, "fixed", "given")); // the config's, not the measured 2 ms
        DeviceProfile idle = profile(r, "idle");
        assertEquals(Interference.NONE, idle.interference()); // nothing to slow down or be slowed there
        assertEquals(50, idle.trainSamplesPerSec(), EPS);
    }

    @Test
    void trainingSlowdownFollowsTheModelsPsi() {
        // psi = 1 - busy (1 - 1/sigma): with busy 0.5 and sigma 4, training keeps 1 - 0.5 * 0.75 = 0.625 of its speed
        CalibrationMeasurements m = new CalibrationMeasurements("d", 1, 3,
                List.of(new CalibrationMeasurements.BatchRate(8, 100, 80)),
                Map.of("s", new CalibrationMeasurements.ServiceTimes(1, 0.1, 1, 0.1)), 30, 0.5, 8, 80, 50, 0.5);
        assertEquals(4, PlanningFigures.trainingSlowdown(m), EPS);
        CalibrationMeasurements faster = new CalibrationMeasurements("d", 1, 3, m.batches(), m.services(), 30, 0.5, 8,
                80, 85, 0.5);
        assertEquals(1, PlanningFigures.trainingSlowdown(faster), EPS);
        CalibrationMeasurements stalled = new CalibrationMeasurements("d", 1, 3, m.batches(), m.services(), 30, 0.5, 8,
                80, 30, 0.5); // lost 0.625 of its speed while requests were in service only half the time
        assertEquals(PlanningFigures.MAX_SLOWDOWN, PlanningFigures.trainingSlowdown(stalled), EPS);
    }

    @Test
    void everyFigureIsRecordedWithItsSource() {
        PlanningFigures figures = new PlanningFigures(sources(), Map.of("big", big(), "given", given(), "idle", idle()));
        List<PlanningFigures.Used> used = figures.used(scenario());
        assertEquals(List.of("big/trainSamplesPerSec=calibrated", "big/batches=calibrated",
                "big/serviceSlowdown=calibrated", "big/trainingSlowdown=calibrated",
                "given/trainSamplesPerSec=config", "given/serviceSlowdown=calibrated", "given/trainingSlowdown=config",
                "idle/trainSamplesPerSec=calibrated", "idle/batches=calibrated", "idle/serviceSlowdown=calibrated",
                "idle/trainingSlowdown=calibrated",
                "big:classifier/serviceTimeMeanMs=calibrated", "big:classifier/serviceTimeCv=calibrated",
                "big:tagger/serviceTimeMeanMs=calibrated", "big:tagger/serviceTimeCv=calibrated",
                "given:tagger/serviceTimeMeanMs=calibrated", "given:tagger/serviceTimeCv=calibrated",
                "given:fixed/serviceTimeMeanMs=config", "given:fixed/serviceTimeCv=config"),
                used.stream().map(u -> u.device() + (u.service().isEmpty() ? "" : ":" + u.service()) + "/"
                        + u.figure() + "=" + u.source()).toList());
        assertEquals(4.99655, used.get(2).value()); // 4 sqrt(1.81 / 1.16) to 6 significant digits
        assertEquals(50.0, used.get(4).value());
    }

    @Test
    void allFiguresGivenNeedsNoCalibration() {
        Scenario s = scenario();
        FigureSources all = new FigureSources(Map.of("big", EnumSet.allOf(FigureSources.Figure.class),
                "given", EnumSet.allOf(FigureSources.Figure.class), "idle", EnumSet.allOf(FigureSources.Figure.class)),
                Set.of("classifier", "tagger", "fixed"));
        Scenario planned = new PlanningFigures(all, Map.of()).planningScenario(s);
        assertEquals(s, planned);
        assertSame(s.devices().get(0).profile(), planned.devices().get(0).profile());
        // a figure neither given nor calibrated is an error, never a silent placeholder
        assertThrows(IllegalStateException.class, () -> new PlanningFigures(FigureSources.none(), Map.of())
                .planningScenario(s));
    }
}
