package io.deepedge.hw.coordinator;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Failure;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.metrics.MetricsWindow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rehearsal's scenario: the run's devices, services and job, no failures, 30 s after the submission at most. */
class RehearsalTest {
    private static final Device BIG = new Device("big", "", new DeviceProfile(50, 2048, new Interference(3, 1.5)),
            new Link(1000, 1));
    private static final List<ServiceInstance> SERVICES = List.of(new ServiceInstance("classifier", "big",
            new Arrivals.Poisson(20), new ServiceTime.Constant(1), 50, 0.99));

    private static Scenario scenario(double horizonSec, Optional<TrainingJob> job, MetricsWindow window) {
        return new Scenario("t", horizonSec, List.of(BIG), SERVICES, job, List.of(new Failure("big", 12, 5)),
                new Link(1000, 1), io.deepedge.models.forecast.ForecastSpec.DEFAULT, window);
    }

    private static Optional<TrainingJob> submittedAt(double sec) {
        return Optional.of(new TrainingJob("lenet", 1280, 1, 64, 1_724_320, 785, Topology.PARAMETER_SERVER, 10, sec));
    }

    @Test
    void aLongRunIsCutThirtySecondsAfterTheSubmissionWithoutItsFailures() {
        Scenario run = scenario(600, submittedAt(20), new MetricsWindow(20, 500));
        Scenario r = Rehearsal.of(run);
        assertEquals(50, r.horizonSec(), 1e-12, "20 s submission + 30 s");
        assertEquals(new MetricsWindow(0, 50), r.metrics());
        assertTrue(r.failures().isEmpty(), "a killed agent would restart cold");
        assertEquals(run.devices(), r.devices());
        assertEquals(run.services(), r.services());
        assertEquals(run.job(), r.job());
        assertEquals(run.serverLink(), r.serverLink());
        assertEquals(run.monitoring(), r.monitoring());
        assertEquals(run.experiment(), r.experiment());
    }

    @Test
    void aShortRunKeepsItsHorizonAndARunWithoutJobIsCutThirtySecondsAfterTimeZero() {
        assertEquals(25, Rehearsal.of(scenario(25, submittedAt(0), new MetricsWindow(0, 25))).horizonSec(), 1e-12);
        assertEquals(30, Rehearsal.of(scenario(45, submittedAt(0), new MetricsWindow(0, 45))).horizonSec(), 1e-12);
        Scenario lcOnly = Rehearsal.of(scenario(300, Optional.empty(), new MetricsWindow(100, 300)));
        assertEquals(30, lcOnly.horizonSec(), 1e-12);
        assertEquals(new MetricsWindow(0, 30), lcOnly.metrics(), "a window after the cut is not a problem");
    }
}
