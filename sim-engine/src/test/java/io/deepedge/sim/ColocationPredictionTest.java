package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.CpuQuota;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.GcPauses;
import io.deepedge.models.Interference;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.ProfiledDevice;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator's prediction of a co-located design point, against what the quota model gives on paper. */
class ColocationPredictionTest {
    /** 1,000 samples/s measured at 0.5 CPU, with round overhead (which the probe must leave out) and x5 factors. */
    private static Device device() {
        return new Device("d", "", new DeviceProfile(1000, 8192, new Interference(5, 5), TrainingMemory.NONE,
                List.of(), new DeviceOverhead(200, 0), new CpuQuota(0.5, 100, 2)), Scenarios.LINK);
    }

    @Test
    void trainingAloneRunsAtItsProfiledThroughput() {
        ColocationPrediction p = ColocationPrediction.of(device(), List.of(), 100, 100, 1);
        // batches of 0.1 s back to back: 100 s hold 1,000 of them, give or take the one at the end and a period's
        // phase at the start (100 samples each over 100 s: 1 sample/s)
        assertEquals(1000, p.trainSamplesPerSec(), 2);
        assertEquals(Double.NaN, p.serviceMeanMs());
        // 0.5 CPU seconds a second over 1,000 samples: 0.5 ms of CPU a sample
        assertEquals(0.5, p.trainCpuMsPerSample(), 1e-9);
    }

    @Test
    void trainingsCpuASampleGrowsByItsSpeedBesideARequestNotByItsShareOfTheBudget() {
        // always busy (10 ms of work at 1,000/s), as below: training gets half the budget, 25 ms a period, and trains
        // 500 samples/s at 0.5 ms a sample, the CPU of a sample alone. With trainingSpeedWhileServing 0.8 its 25 ms do
        // 0.8 of the work: 400 samples/s at 0.5 / 0.8 = 0.625 ms; without a quota model the twin keeps no CPU (NaN)
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(1000), new ServiceTime.Constant(10), 1e9, 0.99);
        ColocationPrediction shared = ColocationPrediction.of(device(), List.of(lc), 100, 100, 1);
        assertEquals(0.5, shared.trainCpuMsPerSample(), 1e-6);
        Device slower = new Device("d", "", new DeviceProfile(1000, 8192, new Interference(5, 5), TrainingMemory.NONE,
                List.of(), new DeviceOverhead(200, 0), new CpuQuota(0.5, 100, 2, 0,
                new io.deepedge.models.ColocationTerms(1, 0.8))), Scenarios.LINK);
        ColocationPrediction p = ColocationPrediction.of(slower, List.of(lc), 100, 100, 1);
        assertEquals(400, p.trainSamplesPerSec(), 4);
        // (until the first request arrives, about 1 ms, training computes alone at 0.5 ms a sample)
        assertEquals(0.625, p.trainCpuMsPerSample(), 1e-4);
        Device noQuota = new Device("d", "", new DeviceProfile(1000, 8192, new Interference(5, 5),
                TrainingMemory.NONE, List.of(), DeviceOverhead.NONE), Scenarios.LINK);
        assertEquals(Double.NaN, ColocationPrediction.of(noQuota, List.of(lc), 100, 100, 1).trainCpuMsPerSample());
    }

    @Test
    void aServiceAlwaysBusyHalvesTrainingAndItsServiceTimesFillThePeriods() {
        // 10 ms of work per request at 1,000/s: always busy. Two threads share the 50 ms budget of each period:
        // training gets 25 ms, half its 0.5 CPU; the service 2.5 requests per 100 ms, and since it never idles its
        // service times add up to the elapsed time: 40 ms each on average. On a host whose CPU second does twice the
        // work (hostSpeed 2) the budget and its split are the same, but a request needs 5 ms of it and a sample half
        // its CPU: 5 requests a period, 20 ms each, and training at 1,000 samples/s. NaN is the profile's own host.
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(1000), new ServiceTime.Constant(10), 1e9, 0.99);
        for (double[] hostTrainingService : new double[][] {{Double.NaN, 500, 40}, {1, 500, 40}, {2, 1000, 20}}) {
            ColocationPrediction p = ColocationPrediction.of(device(), List.of(lc), 100, 100, 1,
                    hostTrainingService[0]);
            assertEquals(hostTrainingService[1], p.trainSamplesPerSec(), hostTrainingService[1] * 0.01);
            assertEquals(hostTrainingService[2], p.serviceMeanMs(), hostTrainingService[2] * 0.01);
            // 25 ms of each 100 ms over the samples: 0.5 ms of CPU a sample, half that where a CPU second does twice
            assertEquals(hostTrainingService[0] == 2 ? 0.25 : 0.5, p.trainCpuMsPerSample(), 1e-6);
        }
        assertEquals(ColocationPrediction.of(device(), List.of(lc), 100, 100, 1),
                ColocationPrediction.of(device(), List.of(lc), 100, 100, 1, Double.NaN));
    }

    @Test
    void aRequestThatFindsTheBudgetSpentIsTimedFromTheRefillAsTheAgentTimesIt() {
        // Training alone spends the 50 ms budget in the first 50 ms of each period (one thread at one core). A request
        // of 1 ms of work arrives at a uniform point t of a period and finds the worker idle (one per second):
        // t >= 50 ms, the worker takes it at the refill and serves it in 1 ms (two threads, a fresh budget);
        // t <= 48 ms, 1 ms at once; 48 < t < 50, the budget left (50 - t ms, spent at two cores) ends mid-request and
        // the rest waits for the refill: 76 - t/2 ms, 51.5 ms on average. Mean (98 x 1 + 2 x 51.5) / 100 = 2.01 ms.
        // Timed from the arrival instead (this check before), the wait for the refill was service too:
        // (48 + 2 x 51.5 + 50 x 26) / 100 = 14.51 ms.
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(1), new ServiceTime.Constant(1), 1e9, 0.99);
        ColocationPrediction p = ColocationPrediction.of(device(), List.of(lc), 100, 4000, 1);
        // ~4,000 requests, 2 % of them ~51 ms: the mean's standard error is ~0.11 ms
        assertEquals(2.01, p.serviceMeanMs(), 0.4);
    }

    @Test
    void aRequestThatFindsItsServiceIdleBesideTrainingPaysTheColdTermAsWelchsExceptionalFirstService() {
        // 10 ms of work a request at 50/s beside training; the budget (190 ms a period) never runs out: training's one
        // thread on half a core while a request is in service, the request on a core of its own (1.5 of the host's 2
        // cores), so service times are the work. A request that finds the service idle goes at 0.5: 20 ms. An M/G/1
        // queue whose busy periods start with an exceptional service (Welch 1964): the share of arrivals that find it
        // idle is (1 - rho) / (1 - rho + lambda E[S0]) with rho = 50 x 0.010 = 0.5 and lambda E[S0] = 1, 1/3; the mean
        // service 1/3 x 20 + 2/3 x 10 = 13.33 ms (every request cold would be 20, none 10)
        for (double[] speedMeanMs : new double[][] {{0.5, 40.0 / 3}, {1, 10}}) {
            CpuQuota quota = new CpuQuota(1.9, 100, 2, 0,
                    new io.deepedge.models.ColocationTerms(1, 1, 0.5, 1, speedMeanMs[0]));
            Device d = new Device("d", "", new DeviceProfile(1000, 8192, new Interference(1, 1), TrainingMemory.NONE,
                    List.of(), DeviceOverhead.NONE, quota), Scenarios.LINK);
            var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(50), new ServiceTime.Constant(10), 1e9, 0.99);
            ColocationPrediction p = ColocationPrediction.of(d, List.of(lc), 100, 2000, 1);
            // 100,000 requests: the idle share's standard error is about 0.3 % of the mean (0.04 ms)
            assertEquals(speedMeanMs[1], p.serviceMeanMs(), 0.2, "cold request speed " + speedMeanMs[0]);
        }
    }

    @Test
    void aProfiledDeviceWithCollectorPausesTrainsAloneAtTheThroughputItWasMeasuredAt() {
        // 1,000 samples/s measured at 0.5 CPU: 0.5 ms of CPU per sample, 0.2 ms of it the pauses' (0.12 ms of the
        // collector, 0.08 ms of cleanup, a pause per 500 samples). The twin trains at 0.3 ms per sample and simulates
        // the pauses, which must bring the device back to the 1,000 samples/s it was measured at: the prediction has
        // to keep the pauses (without them: 0.5 / 0.0003 = 1,667 samples/s)
        ErrorSummary none = new ErrorSummary(0, 0, 0);
        ProfiledDevice measured = new ProfiledDevice("d", 0.5, 4096, 0, 0, 0, List.of(100),
                new InterferenceModel(0, 0.001, 2, 0, 0, 2), new HeldOutErrors(none, none, none), List.of(), List.of())
                .underCpuQuota(100, 2).withGcPauses(new GcPauses(0, 0.002, 0, 0.12, 0, 0.08));
        Device d = new Device("d", "", measured.deviceProfile(0, TrainingMemory.NONE), Scenarios.LINK);
        assertEquals(0.5 / 0.0003, d.profile().trainSamplesPerSecAt(100), 1e-6);
        ColocationPrediction p = ColocationPrediction.of(d, List.of(), 100, 100, 1);
        assertEquals(1000, p.trainSamplesPerSec(), 1000 * 0.01);
    }

    /** A device without a quota whose services and training do not slow each other: a plain FCFS server. */
    private static Device plainDevice() {
        return new Device("d", "", new DeviceProfile(1000, 8192, new Interference(1, 1)), Scenarios.LINK);
    }

    @Test
    void anOverloadedPhaseIsFollowedUntilItsBacklogIsServed() {
        // 5 ms per request at 400/s for 100 s: twice what the server does. It never idles, so the k-th request
        // leaves at k x 5 ms, having arrived at about k x 2.5 ms: it waits k x 2.5 ms. The arrivals stop at 100 s
        // (40,000 of them; had they gone on, the backlog and the waits would keep growing) and the last leaves at
        // 200 s, inside the two phases the twin lets the backlog drain: latencies spread evenly over 0-100 s,
        // median 50 s, p99 99 s (the fluid picture; the k-th arrival time's spread, sqrt(k) / 400 s, moves the
        // median by 0.7 % and the p99 by 0.5 % for one standard deviation)
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(400), new ServiceTime.Constant(5), 1e9, 0.99,
                0, 3, 1);
        ColocatedLatency l = ColocationPrediction.latency(plainDevice(), List.of(lc), 100, 100, 1, 1);
        assertEquals(100, l.sec());
        assertEquals(50_000, l.medianMs(), 50_000 * 0.03);
        assertEquals(99_000, l.p99Ms(), 99_000 * 0.03);
    }

    @Test
    void requestsStillQueuedWhenTheTwinStopsCountWithTheirAgeThen() {
        // 10 ms per request at 400/s for 100 s: four times what the server does; the run ends at 300 s. The k-th
        // request (arrived at k/400 s) leaves at k x 10 ms if that is before 300 s, i.e. the first 30,000 of 40,000,
        // after waiting 3k/400 s (0-225 s); the other 10,000 are counted at 300 s - k/400 s (200-225 s). The share
        // above x (200-225 s): 0.75 - x/300 + 2.25 - x/100, which is 0.5 at x = 150 s (the median; 112.5 s with
        // the unanswered left out) and 0.01 at x = 224.25 s
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(400), new ServiceTime.Constant(10), 1e9, 0.99);
        ColocatedLatency l = ColocationPrediction.latency(plainDevice(), List.of(lc), 100, 100, 1, 2);
        assertEquals(150_000, l.medianMs(), 150_000 * 0.03);
        assertEquals(224_250, l.p99Ms(), 224_250 * 0.03);
    }

    @Test
    void underTheQuotaTheLatencyHoldsTheWaitForTheRefill() {
        // As in the test above with one request per second: training spends the 50 ms budget in each period's first
        // 50 ms. A request arriving at t ms into a period: t <= 48, 1 ms (48 %); 50 <= t < 100, it waits for the
        // refill and is served in 1 ms: 101 - t, uniform over 1-51 ms (50 %); 48 < t < 50, 76 - t/2: uniform over
        // 51-52 ms (2 %). So P(latency <= x) = 0.48 + 0.5 (x - 1) / 50 up to 51 ms, then 0.98 + 0.02 (x - 51):
        // median 3 ms, p99 51.5 ms; plus the 2 ms hop. 80,000 requests: the median's standard error is ~0.2 ms
        // (density 0.01 per ms there; ~0.3 ms over seeds), the p99's ~0.03 ms
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(1), new ServiceTime.Constant(1), 1e9, 0.99, 0, 2,
                1);
        ColocatedLatency l = ColocationPrediction.latency(device(), List.of(lc), 100, 80_000, 1, 3);
        assertEquals(3 + 2, l.medianMs(), 1.2);
        assertEquals(51.5 + 2, l.p99Ms(), 0.3);
    }

    @Test
    void aLoneServicesLatencyIsTheMM1SojournTime() {
        // No training, no quota: Poisson arrivals at 50/s, exponential service of 10 ms mean, one FCFS server. The
        // M/M/1 sojourn time is exponential of rate mu - lambda = 100 - 50 = 50/s: median ln 2 / 50 s = 13.86 ms, p99
        // ln 100 / 50 s = 92.10 ms; plus the 2 ms hop. 40 phases of 200 s (400,000 requests, positively correlated
        // within a busy period): over eight unrelated seeds of 20 phases the figures spread by 0.07 ms and 1.8 ms
        // (standard deviation), so with twice the phases the bounds are about 4 standard deviations wide; the same
        // queue with constant 10 ms services (M/D/1) gives a p99 of 45.5-45.7 ms here (three seeds of 40 phases)
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(50), new ServiceTime.Exponential(10), 1e9, 0.99,
                0, 2, 1);
        ColocatedLatency l = ColocationPrediction.latencyAlone(plainDevice(), List.of(lc), 200, 40, 4);
        assertEquals(200, l.sec());
        assertEquals(1000 * Math.log(2) / 50 + 2, l.medianMs(), 0.3);
        assertEquals(1000 * Math.log(100) / 50 + 2, l.p99Ms(), 5);
    }

    @Test
    void aLoneServiceUnderAQuotaRunsWithoutTrainingBesideIt() {
        // The quota device of the tests above, no training: 1 ms requests once a second never meet a spent budget
        // (1 ms of the 50 a period), so every latency is the work plus the 2 ms hop, where beside training half of
        // them waited for a refill (underTheQuotaTheLatencyHoldsTheWaitForTheRefill)
        var lc = new ServiceInstance("lc", "d", new Arrivals.Poisson(1), new ServiceTime.Constant(1), 1e9, 0.99, 0, 2,
                1);
        ColocatedLatency l = ColocationPrediction.latencyAlone(device(), List.of(lc), 2_000, 1, 5);
        assertEquals(3, l.medianMs(), 1e-9);
        assertEquals(3, l.p99Ms(), 1e-9);
    }
}
