package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.ServiceTime;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The LC queues against exact queueing theory. */
class QueueingTheoryTest {
    private static ServiceStats simulateAlone(ServiceTime serviceTime, double ratePerSec, double horizonSec) {
        return Scenarios.simulateAlone(new ServiceInstance("s", "d", new Arrivals.Poisson(ratePerSec), serviceTime, 200,
                0.99), horizonSec);
    }

    @Test
    void mm1MeanSojournAndP99MatchTheoryWithinTwoPercent() {
        double lambda = 5;
        double mu = 10;
        ServiceStats s = simulateAlone(new ServiceTime.Exponential(1000 / mu), lambda, 400_000);
        // M/M/1 FCFS sojourn time is exponential with rate mu - lambda
        double meanMs = 1000 / (mu - lambda);
        double p99Ms = 1000 * -Math.log(1 - 0.99) / (mu - lambda);
        assertEquals(meanMs, s.meanMs(), 0.02 * meanMs);
        assertEquals(p99Ms, s.p99Ms(), 0.02 * p99Ms);
        assertEquals(1000 * -Math.log(0.5) / (mu - lambda), s.p50Ms(), 0.02 * 1000 * Math.log(2) / (mu - lambda));
    }

    @Test
    void md1MeanSojournMatchesPollaczekKhinchineWithinTwoPercent() {
        double lambda = 6;
        double serviceSec = 0.1;
        ServiceStats s = simulateAlone(new ServiceTime.Constant(serviceSec * 1000), lambda, 300_000);
        double rho = lambda * serviceSec;
        // P-K: W_q = lambda E[S^2] / (2 (1 - rho)), E[S^2] = s^2 for constant service
        double waitSec = lambda * serviceSec * serviceSec / (2 * (1 - rho));
        double meanMs = 1000 * (waitSec + serviceSec);
        assertEquals(meanMs, s.meanMs(), 0.02 * meanMs);
    }

    @Test
    void mg1LognormalMeanMatchesPollaczekKhinchineWithinTwoPercent() {
        double lambda = 5;
        double meanSec = 0.1;
        double cv = 1.5;
        ServiceStats s = simulateAlone(new ServiceTime.Lognormal(meanSec * 1000, cv), lambda, 400_000);
        double rho = lambda * meanSec;
        double secondMoment = meanSec * meanSec * (1 + cv * cv);
        double meanMs = 1000 * (lambda * secondMoment / (2 * (1 - rho)) + meanSec);
        assertEquals(meanMs, s.meanMs(), 0.02 * meanMs);
    }

    @Test
    void everyArrivalIsServedWhenNothingFails() {
        ServiceStats s = simulateAlone(new ServiceTime.Exponential(50), 4, 10_000);
        // Poisson count over the horizon: 40,000 expected, within 5 standard deviations
        assertEquals(40_000, s.requests(), 5 * Math.sqrt(40_000));
        assertEquals(0, s.lost());
    }
}
