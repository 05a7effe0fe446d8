package io.deepedge.sim;

import io.deepedge.models.ServiceStats;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.queueing.LatencyPredictor;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The policies' latency predictor against the simulator it plans for. */
class LatencyPredictorAgreementTest {
    @ParameterizedTest(name = "{0} mean {1} ms at {2}/s")
    @CsvSource({
        "exponential, 100, 5",
        "exponential, 20, 40",
        "constant, 100, 6",
        "constant, 50, 8",
        "constant, 10, 90",
        "lognormal-0.5, 40, 12",
        "lognormal-1.5, 20, 25",
        "lognormal-0.1, 0.636, 20",
    })
    void p95AndP99AgreeWithSimulation(String family, double meanMs, double ratePerSec) {
        ServiceTime s = family.equals("constant") ? new ServiceTime.Constant(meanMs)
                : family.startsWith("lognormal-") ? new ServiceTime.Lognormal(meanMs, Double.parseDouble(family.substring(10)))
                : new ServiceTime.Exponential(meanMs);
        var scenario = Scenarios.builder().device("d", 100).service("s", "d", ratePerSec, s)
                .horizon(1_500_000 / ratePerSec).build();
        ServiceStats sim = SimulationRun.simulate(scenario, PolicyRegistry.get("equal-split"), new RunSpec(0, 77))
                .services().get(0);
        double p99 = LatencyPredictor.quantileMs(s, 1.0, ratePerSec, 0.99);
        double p95 = LatencyPredictor.quantileMs(s, 1.0, ratePerSec, 0.95);
        // exact (M/M/1) and Cramer-Lundberg (M/D/1) tails within 5 %; the two-moment lognormal fit within 10 %
        double tolerance = family.startsWith("lognormal") ? 0.10 : 0.05;
        System.out.printf(java.util.Locale.ROOT, "predictor vs sim %s mean %s ms at %s/s: p95 %+.1f %%, p99 %+.1f %%%n",
                family, meanMs, ratePerSec, 100 * (p95 / sim.p95Ms() - 1), 100 * (p99 / sim.p99Ms() - 1));
        assertEquals(sim.p99Ms(), p99, tolerance * sim.p99Ms(), "p99");
        assertEquals(sim.p95Ms(), p95, tolerance * sim.p95Ms(), "p95");
        assertEquals(sim.meanMs(), LatencyPredictor.meanMs(s, 1.0, ratePerSec), 0.02 * sim.meanMs(), "mean");
    }
}
