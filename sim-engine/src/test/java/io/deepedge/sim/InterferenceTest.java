package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.LatencySummary;
import io.deepedge.models.RunResult;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.policies.PolicyRegistry;
import org.junit.jupiter.api.Test;
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
        Scenarios.at(sim, 1000, () -> device.startTraining(32));
        Scenarios.at(sim, 2000, () -> device.stopTraining());
        Scenarios.at(sim, 3000, sim::stop);
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
    void bothDirectionsOfTheCouplingMatchMm1TheoryOverALongJob() {
        // one device trains all the time (no synchronisation) while an M/M/1 service runs there: lambda = 4/s,
        // 50 ms mean service, x2 while training, so the co-located queue is M/M/1 with mu = 10/s: sojourn
        // exponential with rate 6/s. It is busy rho = 0.4 of the time, and training then runs at 1/2 speed:
        // 80,000 s of standalone work take 80,000 / (1 - 0.4 (1 - 1/2)) = 100,000 s.
        // Spread over 20 seeds (relative sd): time 0.04 %, mean sojourn 0.37 %, p99 0.99 %; the tolerances
        // below are 25, 5 and 5 standard deviations.
        var s = Scenarios.builder().device("a", 100, new Interference(2.0, 2.0))
                .service("s", "a", 4, new ServiceTime.Exponential(50))
                .job(new TrainingJob("t", 8_000_000, 1, 100, 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(110_000).build();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        assertEquals(100_000, r.retrainTimeSec(), 0.01 * 100_000);
        LatencySummary coloc = r.services().get(0).colocation();
        double meanMs = 1000 / (10.0 - 4);
        double p99Ms = 1000 * Math.log(100) / (10.0 - 4);
        assertEquals(meanMs, coloc.meanMs(), 0.02 * meanMs);
        assertEquals(p99Ms, coloc.p99Ms(), 0.05 * p99Ms);
        // about 400,000 requests arrived while training ran; the rest of the window is after the job
        assertEquals(400_000, coloc.requests(), 5 * Math.sqrt(400_000));
    }

    @Test
    void deviceWaitingAtTheBarrierOrSynchronisingDoesNotSlowItsServices() {
        // a (1,000 samples/s, services x3 while training) and b (100 samples/s) split 200-sample batches equally:
        // each iteration a computes 0.1 s, b 1 s, then the ring synchronisation takes
        // 2 (2 - 1) (1 ms + 1e6 B / (2 x 1e7 B/s)) = 0.102 s: a computes only in [1.102 k, 1.102 k + 0.1].
        // The service on a (2/s, 20 ms constant) is re-simulated here from its arrival times alone: service
        // progresses at 1/3 speed inside those intervals and at full speed elsewhere (barrier wait, sync).
        var s = Scenarios.builder().device("a", 1000, new Interference(3.0, 1.0)).device("b", 100)
                .service("s", "a", 2, new ServiceTime.Constant(20))
                .job(new TrainingJob("t", 60_000, 1, 200, 1_000_000, 0, Topology.RING_ALLREDUCE, 0, 0))
                .horizon(400).build();
        List<Double> arrivals = new ArrayList<>();
        List<Served> served = new ArrayList<>();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("equal-split"), new RunSpec(0, 5),
                new HeapEventList(), run -> {
                    run.queues().get(0).observeArrivals(arrivals::add);
                    run.queues().get(0).observe((a, d) -> served.add(new Served(a, d)));
                });
        double periodSec = 1.102;
        assertEquals(300 * periodSec, r.retrainTimeSec(), 1e-6);
        double freeSec = 0;
        int slowed = 0;
        int outsideCompute = 0;
        for (int i = 0; i < served.size(); i++) {
            double start = Math.max(arrivals.get(i), freeSec);
            freeSec = finishSec(start, 0.020, periodSec, 0.1, 300);
            assertEquals(freeSec, served.get(i).departureSec(), 1e-9, "request " + i);
            boolean overlapsCompute = computeSecBetween(start, freeSec, periodSec, 0.1, 300) > 0;
            slowed += overlapsCompute ? 1 : 0;
            outsideCompute += !overlapsCompute && start < 300 * periodSec ? 1 : 0;
        }
        // about 2/s x 330 s = 660 requests during the job, a tenth of them overlapping a's computation
        assertTrue(slowed > 30 && outsideCompute > 400, slowed + " slowed, " + outsideCompute + " not");
    }

    /** When work of {@code workSec} standalone seconds started at {@code startSec} ends, slowed x3 while computing. */
    private static double finishSec(double startSec, double workSec, double periodSec, double computeSec, int iterations) {
        double t = startSec;
        double left = workSec;
        // walk the compute [k p, k p + c) and idle [k p + c, (k + 1) p) segments from the one holding startSec
        for (long k = (long) Math.floor(startSec / periodSec); k < iterations; k++) {
            double[] bounds = {k * periodSec, k * periodSec + computeSec, (k + 1) * periodSec};
            for (int segment = 0; segment < 2; segment++) {
                double end = bounds[segment + 1];
                if (end <= t) {
                    continue;
                }
                double rate = segment == 0 ? 1.0 / 3 : 1.0;
                if ((end - t) * rate >= left) {
                    return t + left / rate;
                }
                left -= (end - t) * rate;
                t = end;
            }
        }
        return t + left;
    }

    private static double computeSecBetween(double fromSec, double toSec, double periodSec, double computeSec,
                                            int iterations) {
        double total = 0;
        for (long k = (long) Math.floor(fromSec / periodSec); k <= toSec / periodSec && k < iterations; k++) {
            double lo = Math.max(fromSec, k * periodSec);
            double hi = Math.min(toSec, k * periodSec + computeSec);
            total += Math.max(0, hi - lo);
        }
        return total;
    }

    @Test
    void noInterferenceLeavesBothSidesAtStandaloneSpeed() {
        var s = Scenarios.builder().device("a", 100)
                .service("s", "a", 19, new ServiceTime.Exponential(50))
                .job(new TrainingJob("t", 6000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0)).horizon(100).build();
        RunResult r = SimulationRun.simulate(s, PolicyRegistry.get("fastest-single"), new RunSpec(0, 3));
        assertEquals(60.0, r.retrainTimeSec(), 1e-9);
    }
}
