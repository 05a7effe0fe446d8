package io.deepedge.hw.coordinator;

import io.deepedge.hw.load.RunClock;
import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.models.monitoring.LoadWatch;
import io.deepedge.policies.MonitoredRequests;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;
import io.deepedge.policies.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The testbed's re-plan trigger path with counts fed by hand: the monitor hands each interval's count to the shared
 * {@link LoadWatch}; a step of the load at an interval boundary re-plans exactly once (one interval after the step,
 * when the next interval confirms it), and the request built for that re-plan carries the monitored rate and the
 * history since the step.
 */
class LoadMonitorLoopTest {
    private static final double INTERVAL_SEC = 2;
    private static final long BEFORE = 100;
    private static final long AFTER = 300;
    private static final int STEP_INTERVAL = 8;

    @Test
    void aLoadStepGivesExactlyOneReplan() throws Exception {
        ServiceInstance lc = new ServiceInstance("s", "a", new Arrivals.Poisson(BEFORE / INTERVAL_SEC),
                new ServiceTime.Constant(2), 20, 0.99);
        List<Device> devices = List.of(device("a"), device("b"));
        ForecastSpec spec = new ForecastSpec(INTERVAL_SEC, "last-value", 0.5, 0.1, 0.3, 24, 0.25);
        LoadWatch watch = new LoadWatch(List.of(lc), devices, spec);
        AtomicInteger replans = new AtomicInteger();
        AtomicInteger interval = new AtomicInteger();
        int[] replanAt = {-1};
        LoadMonitorLoop.Counts counts = sec -> new long[] {interval.get() < STEP_INTERVAL ? BEFORE : AFTER};
        LoadMonitorLoop loop = new LoadMonitorLoop(watch, counts, RunClock.start(), INTERVAL_SEC, 0, Optional::empty,
                () -> {
                    replans.incrementAndGet();
                    replanAt[0] = interval.get();
                });
        for (int k = 0; k < 20; k++) {
            interval.set(k);
            loop.intervalEnded((k + 1) * INTERVAL_SEC);
        }
        assertEquals(1, replans.get(), "one step, one re-plan");
        assertEquals(STEP_INTERVAL + 1, replanAt[0], "confirmed by the interval after the step");

        TrainingJob job = new TrainingJob("mlp", 320, 1, 32, 0, 0, io.deepedge.models.Topology.PARAMETER_SERVER, 0, 0);
        PlanningRequest r = MonitoredRequests.request(40, devices, d -> !d.equals("b"), List.of(lc), watch, job,
                new Link(1000, 1), Trigger.LOAD_CHANGED, 7, spec);
        ServiceLoad load = r.services().get(0);
        assertEquals(AFTER / INTERVAL_SEC, load.currentRatePerSec(), 1e-12);
        assertEquals(20 - STEP_INTERVAL, load.historyPerSec().size(), "the history since the step");
        assertTrue(load.historyPerSec().stream().allMatch(x -> x == AFTER / INTERVAL_SEC));
        assertEquals(List.of("a"), r.availableDevices().stream().map(d -> d.name()).toList());
        assertFalse(r.devices().get(1).available());
    }

    private static Device device(String name) {
        return new Device(name, "", new DeviceProfile(100, 1024, Interference.NONE), new Link(1000, 1));
    }
}
