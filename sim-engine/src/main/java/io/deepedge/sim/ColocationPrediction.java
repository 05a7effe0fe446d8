package io.deepedge.sim;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceOverhead;
import io.deepedge.models.Reliability;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingCpu;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.policies.PolicyRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.DoubleStream;

/**
 * What the simulator predicts for one co-located design point of a profile: the device alone in a run, its
 * services at the point's rates, and training computing batches of one size back to back on it (no
 * synchronisation, no round overhead: the profiler times compute only). A check of the simulator's device model
 * against co-located measurements it was not fitted on: the CPU quota model takes nothing from them.
 *
 * @param trainSamplesPerSec samples trained per second of the run
 * @param serviceMeanMs the mean service time of the requests completed, from the start of their service to its
 *                      end, as the agent's {@code service_ms} times it: from when its worker takes the request (at
 *                      once after the previous one; for a request that finds it idle, when the device's threads
 *                      can run, so a wait for the budget's refill before that is not service) to the reply; the
 *                      budget's waits after that are in it, queueing is not
 * @param trainCpuMsPerSample training's CPU a sample over the batches it finished, as the agent's compute thread
 *                            reports it (NaN: no quota model, which keeps no CPU, or no batch finished)
 */
public record ColocationPrediction(double trainSamplesPerSec, double serviceMeanMs, double trainCpuMsPerSample) {
    /** The job never finishes within the run: this many batches. */
    private static final long BATCHES = 1_000_000_000L;

    /**
     * @param services the device's services, each at the point's rate for it
     * @param seconds how long to simulate (a longer run, less noise: the last batch's part is not counted)
     */
    public static ColocationPrediction of(Device device, List<ServiceInstance> services, int batch, double seconds,
                                          long seed) {
        return of(device, services, batch, seconds, seed, Double.NaN);
    }

    /**
     * The same on a host of {@code hostSpeed} (the work a CPU second does, relative to the profile's; NaN: the
     * profile's own, {@link RunSpec#hostSpeed}): a design point measured while the host ran faster or slower than on
     * average is predicted on that host.
     */
    public static ColocationPrediction of(Device device, List<ServiceInstance> services, int batch, double seconds,
                                          long seed, double hostSpeed) {
        Scenario scenario = scenario(device, services, OptionalInt.of(batch), seconds);
        double[] servedSec = {0, 0}; // sum of service times, requests
        var result = SimulationRun.simulate(scenario, PolicyRegistry.get("fastest-single"),
                new RunSpec(0, seed, hostSpeed),
                new HeapEventList(), run -> {
                    for (LcQueue q : run.queues()) {
                        DeviceSim host = run.devices().get(q.instance().device());
                        // a request that finds the server idle is the next to leave: when its service starts
                        double[] idleStartSec = {Double.NaN};
                        double[] lastDeparture = {0};
                        q.observeArrivals(arrivalSec -> {
                            if (!q.busy()) {
                                idleStartSec[0] = host.runnableAtSec(arrivalSec);
                            }
                        });
                        q.observe((arrivalSec, departureSec) -> {
                            // as the agent times it: its worker takes the next request as soon as the last one is
                            // done, or, idle, when the request reaches it, which under a spent budget is at the
                            // next period's start (the server's threads are throttled too)
                            double start = Double.isNaN(idleStartSec[0]) ? Math.max(arrivalSec, lastDeparture[0])
                                    : idleStartSec[0];
                            idleStartSec[0] = Double.NaN;
                            servedSec[0] += departureSec - start;
                            servedSec[1]++;
                            lastDeparture[0] = departureSec;
                        });
                    }
                });
        return new ColocationPrediction(result.samplesTrained() / seconds,
                servedSec[1] > 0 ? servedSec[0] / servedSec[1] * 1000 : Double.NaN,
                result.trainingCpu().getOrDefault(device.name(), TrainingCpu.NONE).msPerSample());
    }

    /**
     * The LC latency the twin gives a co-located phase as the profiler runs one: training computing back to back from
     * the start, the services' arrivals for {@code phaseSec} and then none, every request followed to its reply (its
     * service instance's client hop included); {@code runs} such phases, one seed after another, pooled. A request
     * still unanswered when a run ends, {@link #DRAIN_PHASES} phases after its sending stopped, counts with its age
     * then (a queue that grows that long is far beyond any measured one).
     *
     * @param services the device's services, each at the point's rate for it (Poisson)
     */
    public static ColocatedLatency latency(Device device, List<ServiceInstance> services, int batch, double phaseSec,
                                           int runs, long seed) {
        return latency(device, services, batch, phaseSec, runs, seed, Double.NaN);
    }

    /** The same on a host of {@code hostSpeed} (as {@link #of(Device, List, int, double, long, double)}). */
    public static ColocatedLatency latency(Device device, List<ServiceInstance> services, int batch, double phaseSec,
                                           int runs, long seed, double hostSpeed) {
        return phaseLatency(device, services, OptionalInt.of(batch), phaseSec, runs, seed, hostSpeed);
    }

    /**
     * The same for a services-alone phase: the device's services and no training, as the profiler's phase before the
     * co-located one (a check of the twin's lone service under the quota: its service times, the collector's pauses
     * and the budget's waits, which no fit takes from the latency).
     */
    public static ColocatedLatency latencyAlone(Device device, List<ServiceInstance> services, double phaseSec,
                                                int runs, long seed) {
        return latencyAlone(device, services, phaseSec, runs, seed, Double.NaN);
    }

    /** The same on a host of {@code hostSpeed} (as {@link #of(Device, List, int, double, long, double)}). */
    public static ColocatedLatency latencyAlone(Device device, List<ServiceInstance> services, double phaseSec,
                                                int runs, long seed, double hostSpeed) {
        return phaseLatency(device, services, OptionalInt.empty(), phaseSec, runs, seed, hostSpeed);
    }

    private static ColocatedLatency phaseLatency(Device device, List<ServiceInstance> services, OptionalInt batch,
                                                 double phaseSec, int runs, long seed, double hostSpeed) {
        double horizonSec = phaseSec * (1 + DRAIN_PHASES);
        List<ServiceInstance> phase = services.stream().map(s -> sendingFor(s, phaseSec)).toList();
        DoubleStream.Builder latencyMs = DoubleStream.builder();
        for (int r = 0; r < runs; r++) {
            // each queue's requests not yet answered, oldest first: a queue is FCFS and the device never fails here,
            // so a reply is always for the oldest
            List<DoubleQueue> pending = new ArrayList<>();
            SimulationRun.simulate(scenario(device, phase, batch, horizonSec), PolicyRegistry.get("fastest-single"),
                    new RunSpec(0, seed + r, hostSpeed), new HeapEventList(), sim -> {
                        for (LcQueue q : sim.queues()) {
                            DoubleQueue waiting = new DoubleQueue();
                            pending.add(waiting);
                            double hopSec = q.instance().clientHopMs() / 1000;
                            q.observeArrivals(waiting::add);
                            q.observe((arrivalSec, departureSec) -> {
                                waiting.poll();
                                latencyMs.add((departureSec + hopSec - arrivalSec) * 1000);
                            });
                        }
                    });
            for (DoubleQueue waiting : pending) {
                while (waiting.size() > 0) {
                    latencyMs.add((horizonSec - waiting.poll()) * 1000);
                }
            }
        }
        return ColocatedLatency.of(phaseSec, latencyMs.build().toArray());
    }

    /** Phases the twin lets a backlog drain after the sending stops, before it counts the rest unanswered. */
    static final int DRAIN_PHASES = 2;

    /** {@code s} with Poisson arrivals at its rate for {@code phaseSec}, then none. */
    private static ServiceInstance sendingFor(ServiceInstance s, double phaseSec) {
        Arrivals sending = new Arrivals.Steps(List.of(new Arrivals.Step(0, s.arrivals().meanRatePerSec()),
                new Arrivals.Step(phaseSec, 0)));
        return new ServiceInstance(s.service(), s.device(), sending, s.serviceTime(), s.deadlineMs(), s.sloQuantile(),
                s.memoryMiB(), s.clientHopMs(), s.cpuCoresWhileServing(), s.coldStart());
    }

    /**
     * The device alone, its services, and training at {@code batch} that never finishes within {@code seconds} (none
     * when {@code batch} is empty).
     */
    private static Scenario scenario(Device device, List<ServiceInstance> services, OptionalInt batch,
                                     double seconds) {
        Device bare = new Device(device.name(), device.type(), device.profile().withOverhead(DeviceOverhead.NONE),
                device.link(), Reliability.NEVER_FAILS);
        Optional<TrainingJob> job = batch.isPresent() ? Optional.of(new TrainingJob("colocation-probe",
                BATCHES * batch.getAsInt(), 1, batch.getAsInt(), 0, 0, Topology.RING_ALLREDUCE, 0, 0))
                : Optional.empty();
        return new Scenario("colocation-probe", seconds, List.of(bare), services, job, List.of(), device.link());
    }
}
