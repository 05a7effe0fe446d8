package io.deepedge.hw.bench;

import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.inference.CalibrationService;
import io.deepedge.hw.inference.OpenLoopRun;
import io.deepedge.hw.inference.RequestTiming;
import io.deepedge.models.Arrivals;

import java.util.List;
import java.util.Locale;

/**
 * How close the real worker and generator come to M/D/1 on this host: the calibration busy-spin (2.5 ms) under
 * seeded Poisson arrivals (200/s, load 0.5) against Lindley's recursion over the same scheduled arrivals. Every
 * wait is at least the theory's (the tests check that exactly); how far above it is the host's wake-up latency
 * and preemptions, a property of the machine, so it is measured here and not asserted in a test.
 * {@code -Dbench.queueSec} sets the duration (default 20 s) after a 2 s warm-up; {@code -Dbench.queueRuns} the
 * number of runs (default 3, seeds 1, 2, ...).
 */
final class QueueBench {
    private static final double RATE_PER_SEC = 200;
    private static final double SERVICE_SEC = 0.0025;

    private QueueBench() {
    }

    static void run() throws InterruptedException {
        double durationSec = Double.parseDouble(System.getProperty("bench.queueSec", "20"));
        int runs = Integer.parseInt(System.getProperty("bench.queueRuns", "3"));
        CalibrationService spin = new CalibrationService(SERVICE_SEC * 1000);
        OpenLoopRun.run(spin, ArrivalSchedule.of(new Arrivals.Poisson(RATE_PER_SEC), 0), 2, 1);
        for (long seed = 1; seed <= runs; seed++) {
            List<RequestTiming> t = OpenLoopRun.run(spin, ArrivalSchedule.of(new Arrivals.Poisson(RATE_PER_SEC), seed),
                    durationSec, 5).timings();
            double[] above = new double[t.size()];
            double[] dispatch = new double[t.size()];
            double[] service = new double[t.size()];
            double theory = 0;
            double previousEnd = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < t.size(); k++) {
                RequestTiming r = t.get(k);
                if (k > 0) {
                    theory = Math.max(0, theory + SERVICE_SEC - (r.arrivalSec() - t.get(k - 1).arrivalSec()));
                }
                above[k] = (r.waitSec() - theory) * 1000;
                dispatch[k] = (r.startSec() - Math.max(r.arrivalSec(), previousEnd)) * 1000;
                service[k] = (r.endSec() - r.startSec()) * 1000;
                previousEnd = r.endSec();
            }
            java.util.Arrays.sort(above);
            java.util.Arrays.sort(dispatch);
            java.util.Arrays.sort(service);
            System.out.printf(Locale.ROOT, "queue M/D/1 spin %.1f ms at %.0f/s for %.0f s, seed %d: %d requests; wait above "
                            + "Lindley p50 %.3f ms, p90 %.3f ms; dispatch p50 %.3f ms, p90 %.3f ms; service p50 %.3f ms, "
                            + "p90 %.3f ms%n", SERVICE_SEC * 1000, RATE_PER_SEC, durationSec, seed, t.size(),
                    InferenceBench.quantile(above, 0.5), InferenceBench.quantile(above, 0.9),
                    InferenceBench.quantile(dispatch, 0.5), InferenceBench.quantile(dispatch, 0.9),
                    InferenceBench.quantile(service, 0.5), InferenceBench.quantile(service, 0.9));
        }
    }
}
