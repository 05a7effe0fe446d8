package io.deepedge.models.monitoring;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.PoissonDraws;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.forecast.ForecastSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, defect 5: the load-shift trigger's false-alarm rate on constant Poisson loads (0.2, 2 and 20 req/s in
 * turn, 60 s intervals) at 10, 1,000 and 10,000 monitored instances. Each instance checked against its own
 * 3-sigma band raised about 27 alarms per interval at 10,000 instances, so every interval re-planned; the
 * corrected test keeps the chance that an interval raises any alarm at the configured probability, whatever
 * the number of instances. Prints the table the README quotes.
 */
class FalseAlarmRateTest {
    private static final double[] RATES_PER_SEC = {0.2, 2, 20};

    /** Fraction of intervals in which at least one instance raised a load-shift alarm. */
    static double alarmedFraction(int instances, double falseAlarmProbability, int intervals, long seed) {
        ForecastSpec spec = new ForecastSpec(60, "holt-winters", 0.5, 0.1, 0.3, 24, 0.25, 1, falseAlarmProbability);
        List<ServiceInstance> services = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            String device = "d" + i;
            devices.add(new Device(device, "", new DeviceProfile(10, 4096, Interference.NONE), new Link(1000, 1)));
            services.add(new ServiceInstance("s", device, new Arrivals.Poisson(RATES_PER_SEC[i % 3]),
                    new ServiceTime.Exponential(10), 100, 0.99));
        }
        LoadWatch watch = new LoadWatch(services, devices, spec);
        PoissonDraws draws = new PoissonDraws(seed);
        int alarmed = 0;
        long[] arrivals = new long[instances];
        for (int t = 0; t < intervals; t++) {
            for (int i = 0; i < instances; i++) {
                arrivals[i] = draws.next(RATES_PER_SEC[i % 3] * spec.intervalSec());
            }
            alarmed += watch.intervalEnded(arrivals, Optional.empty()).shifted().isEmpty() ? 0 : 1;
        }
        return (double) alarmed / intervals;
    }

    @Test
    void falseAlarmsStayAtTheConfiguredProbabilityWhateverTheNumberOfInstances() {
        StringBuilder table = new StringBuilder("load-shift false alarms on constant loads (fraction of intervals)\n");
        int[][] cases = {{10, 20_000}, {1_000, 1_000}, {10_000, 200}};
        for (double p : new double[] {ForecastSpec.DEFAULT_FALSE_ALARM_PROBABILITY, 0.05}) {
            for (int[] c : cases) {
                double observed = alarmedFraction(c[0], p, c[1], 11);
                table.append(String.format(Locale.ROOT, "p = %.3f, %,6d instances, %,6d intervals: %.4f%n", p, c[0],
                        c[1], observed));
                // within binomial noise of p: mean + 4 standard deviations + one interval of slack
                double bound = p + 4 * Math.sqrt(p * (1 - p) / c[1]) + 1.0 / c[1];
                assertTrue(observed <= bound, c[0] + " instances, p " + p + ": " + observed + " > " + bound);
            }
        }
        System.out.print(table);
    }

    @Test
    void withoutTheCorrectionTenThousandInstancesAlarmEveryInterval() {
        // each instance at its own 3-sigma level (two-sided 0.0027), as before the fix
        ShiftDetector uncorrected = new ShiftDetector(10_000, 0.25, 1 - Math.pow(1 - 0.0027, 10_000));
        PoissonDraws draws = new PoissonDraws(3);
        int alarms = 0;
        int alarmedIntervals = 0;
        int intervals = 20;
        for (int t = 0; t < intervals; t++) {
            int before = alarms;
            for (int i = 0; i < 10_000; i++) {
                alarms += uncorrected.observe(i, draws.next(RATES_PER_SEC[i % 3] * 60)) ? 1 : 0;
            }
            alarmedIntervals += alarms > before ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "uncorrected 3-sigma level, 10,000 instances: %.1f alarms per interval,"
                + " %d of %d intervals alarmed%n", (double) alarms / intervals, alarmedIntervals, intervals);
        assertTrue(alarmedIntervals >= intervals - 2, "alarmed intervals " + alarmedIntervals);
    }
}
