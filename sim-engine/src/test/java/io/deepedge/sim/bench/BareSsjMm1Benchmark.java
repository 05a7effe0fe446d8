package io.deepedge.sim.bench;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.RunResult;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import io.deepedge.sim.HeapEventList;
import io.deepedge.sim.RunSpec;
import io.deepedge.sim.SimulationRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's speed target: 100 devices with a 20 req/s M/M/1 service each (10 ms mean exponential service),
 * one simulated hour, about 7.2 M requests and 14.4 M events. The baseline is a bare SSJ model of the same
 * independent queues ({@link BareMm1Model}) under SSJ's SplayTree and under {@link HeapEventList};
 * {@link #deepEdgeSimulationRun()} runs Deep-Edge's {@link SimulationRun} on the equivalent scenario (no training
 * job), including its result statistics (per-instance sorting, quantiles).
 *
 * <p>Run: {@code mvn -q -pl sim-engine test-compile exec:exec@bench -Dbench.args="BareSsjMm1Benchmark"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class BareSsjMm1Benchmark {
    static final int DEVICES = 100;
    static final double RATE_PER_SEC = 20;
    static final double MEAN_SERVICE_MS = 10;
    static final double HORIZON_SEC = 3600;
    static final long SEED = 1;

    private Scenario scenario;
    private SchedulingPolicy policy;

    @Setup
    public void setUp() {
        scenario = scenario();
        policy = PolicyRegistry.get("equal-split");
    }

    @Benchmark
    public long bareSsjSplayTree() {
        return new BareMm1Model(new SplayTree(), SEED, DEVICES, RATE_PER_SEC, MEAN_SERVICE_MS / 1000, HORIZON_SEC)
                .run();
    }

    @Benchmark
    public long bareSsjHeapEventList() {
        return new BareMm1Model(new HeapEventList(), SEED, DEVICES, RATE_PER_SEC, MEAN_SERVICE_MS / 1000, HORIZON_SEC)
                .run();
    }

    @Benchmark
    public RunResult deepEdgeSimulationRun() {
        return SimulationRun.simulate(scenario, policy, new RunSpec(0, SEED));
    }

    /** The bench-100 scenario: devices dev-1..dev-100, service "lc" on each, no training job. */
    static Scenario scenario() {
        Link link = new Link(80, 1);
        List<Device> devices = new ArrayList<>();
        List<ServiceInstance> services = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            String name = "dev-" + i;
            devices.add(new Device(name, "", new DeviceProfile(100, 8192, Interference.NONE), link));
            services.add(new ServiceInstance("lc", name, new Arrivals.Poisson(RATE_PER_SEC),
                    new ServiceTime.Exponential(MEAN_SERVICE_MS), 100, 0.99));
        }
        return new Scenario("bench-100", HORIZON_SEC, devices, services, Optional.empty(), List.of(), link);
    }
}
