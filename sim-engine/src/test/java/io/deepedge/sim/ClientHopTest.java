package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile's client hop: every latency of the instance grows by exactly the hop, and nothing else changes. */
class ClientHopTest {
    private static List<double[]> latencies(double hopMs) {
        Simulator sim = new Simulator(new SplayTree());
        sim.init();
        Device d = new Device("d", "", new DeviceProfile(100, 4096, new Interference(1.0, 1.0)), Scenarios.LINK);
        var instance = new ServiceInstance("s", "d", new Arrivals.Poisson(20), new ServiceTime.Exponential(30), 200,
                0.99, 0, hopMs);
        LcQueue queue = new LcQueue(instance, new DeviceSim(d), sim, new RandomStreams(7));
        queue.start();
        new Event(sim) {
            @Override
            public void actions() {
                sim.stop();
            }
        }.schedule(500);
        sim.start();
        return queue.latencies().sortedLatenciesMs();
    }

    @Test
    void everyLatencyGrowsByTheHop() {
        // No job here: every request is in the last array (no training anywhere at its arrival).
        double[] without = latencies(0).get(2);
        double[] with = latencies(3.5).get(2);
        assertTrue(without.length > 5000, "requests: " + without.length);
        assertEquals(without.length, with.length);
        for (int i = 0; i < with.length; i++) {
            assertEquals(without[i] + 3.5, with[i], 1e-6);
        }
    }
}
