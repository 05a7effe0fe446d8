package io.deepedge.sim;

import io.deepedge.models.CpuQuota;
import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The host's cores go to the devices (the agents' cgroups, equal weights) max-min fairly, not to their threads: the
 * expected speeds are worked out by hand from the demands, and the CPU each device used over 50 ms from them.
 */
class HostCpuTest {
    private static final double WINDOW_SEC = 0.05;  // inside the first 100 ms period: no budget runs out

    @Test
    void aDeviceWithTwoThreadsGetsNoMoreThanOneWithOne() {
        // measured on this machine's kernel: groups of 2, 1 and 1 spinning threads got 0.67-0.68 cores each
        assertShares(2, new double[] {2, 1, 1}, new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3});
        // one core each, where a share per thread would give 2 x 2/3 and 2/3
        assertShares(2, new double[] {2, 1}, new double[] {1, 1});
    }

    @Test
    void aDeviceBelowAnEqualShareGetsItsDemandAndTheOthersDivideTheRest() {
        assertShares(2, new double[] {0.3, 2, 2}, new double[] {0.3, 0.85, 0.85});
        assertShares(2, new double[] {0.5, 1.2, 0.4}, new double[] {0.5, 1.1, 0.4});
        assertShares(1, new double[] {0.2, 1, 0.3}, new double[] {0.2, 0.5, 0.3});
    }

    @Test
    void enoughCoresLeaveEveryDeviceAtFullSpeed() {
        assertShares(3, new double[] {1, 1.5, 0.5}, new double[] {1, 1.5, 0.5});
        assertShares(2, new double[] {2, 0, 1}, new double[] {1, 0, 1});  // one without work takes nothing
    }

    /** Sets the devices' demands at time 0 and checks each one's cores (speed x demand) and CPU used over 50 ms. */
    private static void assertShares(int hostCores, double[] demands, double[] expectedCores) {
        Simulator sim = new Simulator();
        sim.init();
        HostCpu host = new HostCpu(hostCores);
        List<CfsBandwidth> devices = new ArrayList<>();
        for (double ignored : demands) {
            // a quota above any demand here (4 CPUs: 400 ms per period), so only the host limits the devices
            CfsBandwidth d = new CfsBandwidth(new CpuQuota(4.0, 100, hostCores), sim, host, () -> { });
            d.start(0.1);
            devices.add(d);
        }
        for (int i = 0; i < demands.length; i++) {
            devices.get(i).demandChanged(demands[i], true, true);  // no idle process (0 idle cores)
        }
        Scenarios.at(sim, WINDOW_SEC, sim::stop);
        sim.start();
        for (int i = 0; i < demands.length; i++) {
            String what = "host of " + hostCores + ", demands " + java.util.Arrays.toString(demands) + ", device " + i;
            double cores = demands[i] == 0 ? 0 : devices.get(i).threadSpeed() * demands[i];
            assertEquals(expectedCores[i], cores, 1e-12, what);
            assertEquals(expectedCores[i] * WINDOW_SEC, devices.get(i).cpuSecUsed(), 1e-12, what);
        }
    }
}
