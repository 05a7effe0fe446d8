package io.deepedge.policies.bench;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.forecast.ForecastSpec;
import io.deepedge.policies.Decision;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.policies.ServiceLoad;
import io.deepedge.policies.Trigger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Planning time of a policy call on a heterogeneous cluster with one LC service on every device.
 * Run: {@code mvn -q -pl scheduler-policies -am test-compile exec:exec@bench} (see README, "Tests and benchmarks").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanningBenchmark {
    @Param({"10", "100", "1000", "10000"})
    public int devices;

    @Param({"deep-edge"})
    public String policy;

    private SchedulingPolicy planner;
    private PlanningRequest request;

    @Setup
    public void setUp() {
        planner = PolicyRegistry.get(policy);
        request = cluster(devices, 42);
    }

    @Benchmark
    public Decision plan() {
        return planner.decide(request);
    }

    /** Jetson-like devices (5-320 samples/s, 4-32 GiB), each with an M/G/1 service of varied load. */
    public static PlanningRequest cluster(int n, long seed) {
        return cluster(n, seed, 0.5);
    }

    /** {@code maxUtilisation}: each service's standalone utilisation is drawn from [0, maxUtilisation). */
    public static PlanningRequest cluster(int n, long seed, double maxUtilisation) {
        SplittableRandom r = new SplittableRandom(seed);
        List<DeviceState> states = new ArrayList<>();
        List<ServiceLoad> loads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = String.format("dev-%05d", i);
            DeviceProfile p = new DeviceProfile(5 + r.nextDouble() * 315, 4096 + r.nextInt(28_672),
                    new Interference(1 + r.nextDouble(), 1 + r.nextDouble()), new TrainingMemory(700, 45), List.of());
            states.add(new DeviceState(new Device(name, "", p, new Link(100 + r.nextInt(900), 1)), true));
            double meanMs = 2 + r.nextDouble() * 30;
            ServiceTime st = i % 3 == 0 ? new ServiceTime.Exponential(meanMs)
                    : i % 3 == 1 ? new ServiceTime.Constant(meanMs) : new ServiceTime.Lognormal(meanMs, 0.5);
            double rate = r.nextDouble() * maxUtilisation * 1000 / meanMs;
            List<Double> history = new ArrayList<>();
            for (int h = 0; h < 30; h++) {
                history.add(rate * (0.9 + 0.2 * r.nextDouble()));
            }
            loads.add(new ServiceLoad(new ServiceInstance("svc", name, new Arrivals.Poisson(rate), st, meanMs * 8, 0.99),
                    rate, history, 60));
        }
        TrainingJob job = new TrainingJob("mobilenet-v2", 1_000_000, 1, 256, 14_000_000, 110_000,
                Topology.RING_ALLREDUCE, 60, 0);
        return new PlanningRequest(0, states, loads, job, new Link(1000, 1), Trigger.JOB_SUBMITTED, seed,
                ForecastSpec.DEFAULT);
    }
}
