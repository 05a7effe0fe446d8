package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.RunResult;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two-way interference: training slows LC service and LC service slows training, as rate changes. */
class InterferenceTest {
    private record Served(double arrivalSec, double departureSec) {
    }

    @Test
    void serviceIsSlowedWhileTrainingAndNotAfter() {
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        Device d = new Device("d", "", new DeviceProfile(100, 4096, new Interference(2.0, 1.0)), Scenarios.LINK);
        DeviceSim device = new DeviceSim(d);
        // 10 ms constant service at 1 request/s: queueing is rare, so latency shows the service rate
        var instance = new ServiceInstance("s", "d", new Arrivals.Poisson(1), new ServiceTime.Constant(10), 200, 0.99);
        LcQueue queue = new LcQueue(instance, device, sim, new RandomStreams(99));
        List<Served> served = new ArrayList<>();
        queue.observe((a, dep) -> served.add(new Served(a, dep)));
        queue.start();
        at(sim, 1000, () -> device.startTraining(32));
        at(sim, 2000, () -> device.stopTraining());
        at(sim, 3000, sim::stop);
        sim.start();

        int before = 0;
        int during = 0;
        int after = 0;
        for (int i = 0; i < served.size(); i++) {
            Served s = served.get(i);
            boolean waited = i > 0 && served.get(i - 1).departureSec() > s.arrivalSec();
            if (waited || (s.arrivalSec() < 1000 && s.departureSec() > 1000)
                    || (s.arrivalSec() < 2000 && s.departureSec() > 2000)) {
                continue;
            }
            double latencyMs = (s.departureSec() - s.arrivalSec()) * 1000;
            if (s.departureSec() < 1000) {
                assertEquals(10.0, latencyMs, 1e-6);
                before++;
            } else if (s.arrivalSec() > 1000 && s.departureSec() < 2000) {
                assertEquals(20.0, latencyMs, 1e-6);
                during++;
            } else {
                assertEquals(10.0, latencyMs, 1e-6);
                after++;
            }
        }
        assertTrue(before > 900 && during > 900 && after > 900, before + " " + during + " " + after);
    }

    @Test
    void requestInServiceWhenTrainingStartsFinishesAtTheBlendedRate() {
        Work work = new Work(0.010, 0.0, 1.0);
        // 4 ms done at full speed, then the rest at half speed: 6 ms of work take 12 ms
        work.changeRate(0.004, 0.5);
        assertEquals(0.012, work.delaySec(), 1e-12);
    }

    @Test
    void trainingIsSlowedWhileServiceRuns() {
        // a service that is busy almost all the time (rho = 0.95) slows training by up to trainingSlowdown = 2
        var busy = Scenarios.builder().device("a", 100, new Interference(1.0, 2.0))
                .service("s", "a", 19, new ServiceTime.Exponential(50))
                .job(new TrainingJob("t", 6000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0)).build();
        RunResult r = SimulationRun.simulate(busy, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        // standalone 60 s; fully slowed 120 s; busy 95 % of the time -> about 60 / (1 - 0.95 / 2) = 114 s
        assertEquals(60 / (1 - 0.95 / 2), r.retrainTimeSec(), 60 * 0.05);
        assertTrue(r.services().get(0).colocated());
    }

    @Test
    void noInterferenceLeavesBothSidesAtStandaloneSpeed() {
        var s = Scenarios.builder().device("a", 100)
                .service("s", "a", 19, new ServiceTime.Exponential(50))
                .job(new TrainingJob("t", 6000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0)).build();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        assertEquals(60.0, r.retrainTimeSec(), 1e-9);
    }

    private static void at(Simulator sim, double timeSec, Runnable action) {
        new Event(sim) {
            @Override
            public void actions() {
                action.run();
            }
        }.schedule(timeSec);
    }
}
